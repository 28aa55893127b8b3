import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/package-root.js';

// Worker threads cannot load the TypeScript sources jest runs, so this drives the built module
// (`npm install` builds dist/) in a child process, as the app runs it.
const built = join(packageRoot(), 'dist', 'src', 'documents', 'prepare-document-off-thread.js');

function run(script: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
}

describe('preparing large documents off the main thread', () => {
  it('is built (npm install or npm run build)', () => {
    expect(existsSync(built)).toBe(true);
  });

  it('parses a large document on a worker while the main loop keeps answering', () => {
    const out = run(`
      import { prepareDocumentOffThread } from ${JSON.stringify(built)};
      const text = Array.from({ length: 4000 }, (_, i) => i % 50 === 0 ? '## Section ' + i : 'Line ' + i + ' of a long plan with words.').join('\\n');
      let last = Date.now(), gap = 0;
      const timer = setInterval(() => { const now = Date.now(); gap = Math.max(gap, now - last); last = now; }, 2);
      const prepared = await prepareDocumentOffThread('big.md', text, null, null);
      clearInterval(timer);
      console.log(JSON.stringify({ lines: prepared.doc.lines.length, sections: prepared.doc.sections.length, commentable: prepared.commentable.size, smoothLoop: gap < 100 }));
    `);

    expect(JSON.parse(out)).toEqual({ lines: 4000, sections: 80, commentable: 4000, smoothLoop: true });
  });

  it('gives up on a document that takes longer than the deadline, with a clear message', () => {
    const out = run(`
      import { prepareDocumentOffThread } from ${JSON.stringify(built)};
      // 30,000 sections with a table each (about 1.4 MB): over a second of work, far past 300 ms.
      const big = Array.from({ length: 30000 }, (_, i) => '## Part ' + i + '\\n\\n| k | v |\\n|---|---|\\n| a | ' + i + ' |\\n').join('\\n');
      try { await prepareDocumentOffThread('big.md', big, null, null, 300); console.log('parsed'); }
      catch (error) { console.log(error.name + ': ' + error.message); }
    `);

    expect(out.trim()).toBe('InputError: big.md: took longer than 300 ms to parse; split the document');
  });
});
