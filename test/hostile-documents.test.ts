// Issue #13, cases 2, 3 and 9: a hostile document costs one worker thread its deadline and heap,
// never the loop answering webhooks nor the process; it is skipped with its reason.
import { describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_NESTING, parseDocument } from '../src/documents/parse-document.js';
import { packageRoot } from '../src/package-root.js';

// Worker threads cannot load the TypeScript sources jest runs: the built modules run in a child process.
const dist = (...parts: string[]): string => join(packageRoot(), 'dist', 'src', ...parts);

function runBuilt(script: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
}

describe('parsing documents nested too deep', () => {
  it('refuses 10,000 blockquote markers with the line and the limit, instead of overflowing the stack', () => {
    // Arrange
    const text = `${'>'.repeat(10_000)} x\n`;

    // Act
    const parse = () => parseDocument('deep.md', text);

    // Assert
    expect(parse).toThrow(`deep.md: line 1 nests 10000 blockquotes or lists deep (the limit is ${MAX_NESTING}); flatten the document`);
  });

  it('refuses 5,000 nested list markers on one line the same way', () => {
    // Arrange
    const text = `${'- '.repeat(5_000)}x\n`;

    // Act
    const parse = () => parseDocument('lists.md', text);

    // Assert
    expect(parse).toThrow(/^lists\.md: line 1 nests 5000 blockquotes or lists deep/);
  });

  it('walks a document nested up to the limit without recursion and keeps every list item in order', () => {
    // Arrange: lists inside blockquotes, 60 levels deep.
    const text = ['# Plan', '', `${'> '.repeat(30)}${'- '.repeat(30)}deepest`, '', '- top'].join('\n');

    // Act
    const doc = parseDocument('nested.md', text);

    // Assert
    expect(doc.listItems).toHaveLength(31);
    expect(doc.listItems.at(-2)).toMatchObject({ depth: 30, text: 'deepest' });
    expect(doc.listItems.at(-1)).toMatchObject({ depth: 1, text: 'top', startLine: 5 });
  });
});

describe('documents parsed on a worker thread with limits', () => {
  it('gives up on 400,000 setext headings (1.6 MB) at the deadline while the main loop keeps answering', () => {
    // Arrange
    const script = `
      import { prepareDocumentOffThread } from ${JSON.stringify(dist('documents', 'prepare-document-off-thread.js'))};
      const text = 'a\\n=\\n'.repeat(400000);
      let last = Date.now(), gap = 0;
      const timer = setInterval(() => { const now = Date.now(); gap = Math.max(gap, now - last); last = now; }, 5);
      let outcome;
      try { await prepareDocumentOffThread('setext.md', text, null, null, 300); outcome = 'parsed'; } catch (error) { outcome = error.name + ': ' + error.message; }
      clearInterval(timer);
      console.log(JSON.stringify({ outcome, loopAnswered: gap < 500 }));
    `;

    // Act
    const result = JSON.parse(runBuilt(script));

    // Assert
    expect(result).toEqual({ outcome: 'InputError: setext.md: took longer than 300 ms to parse; split the document', loopAnswered: true });
  });

  it('stops a wide table at the heap cap with a clear reason, and the process lives on', () => {
    // Arrange: 2,000 columns × 150 rows (~600 KB) took 2.1 GB in the CLI.
    const script = `
      import { prepareDocumentOffThread } from ${JSON.stringify(dist('documents', 'prepare-document-off-thread.js'))};
      const cols = 2000, row = (c) => '|' + Array.from({ length: cols }, (_, i) => c + i).join('|') + '|\\n';
      const text = row('h') + '|' + '-|'.repeat(cols) + '\\n' + Array.from({ length: 150 }, () => row('x')).join('');
      try { await prepareDocumentOffThread('table.md', text, null, null, 60000, 64); console.log('parsed'); } catch (error) { console.log(error.name + ': ' + error.message); }
      console.log('alive');
    `;

    // Act
    const out = runBuilt(script).trim().split('\n');

    // Assert
    expect(out).toEqual(['InputError: table.md: needed more than 64 MB of memory to parse; split the document', 'alive']);
  });

  it('the offline checklist skips a document past its deadline with a note, reviewing nothing wrong', () => {
    // Arrange: 10,000 SQL statements held the main loop ~58 s.
    const script = `
      import { createOffThreadChecklistEngine } from ${JSON.stringify(dist('engines', 'create-off-thread-checklist-engine.js'))};
      import { parseDocument } from ${JSON.stringify(dist('documents', 'parse-document.js'))};
      import { loadPersonas } from ${JSON.stringify(dist('personas', 'load-personas.js'))};
      const sql = Array.from({ length: 10000 }, (_, i) => 'CREATE TABLE t' + i + ' (id int, name varchar(20));').join('\\n');
      const document = parseDocument('sql.md', '# Schema\\n\\n\`\`\`sql\\n' + sql + '\\n\`\`\`\\n');
      const personas = loadPersonas().filter((p) => p.id === 'database-architect');
      const result = await createOffThreadChecklistEngine({ deadlineMs: 200, memoryMb: 256 }).review({ document, personas });
      console.log(JSON.stringify({ findings: result.findings.length, status: result.runs.map((r) => r.status), notes: result.notes }));
    `;

    // Act
    const result = JSON.parse(runBuilt(script));

    // Assert
    expect(result).toEqual({
      findings: 0,
      status: ['skipped'],
      notes: ['The offline checklist skipped sql.md: it took longer than 200 ms; split the document.'],
    });
  });
});

describe('the CLI on pathological Markdown under the 5 MB limit', () => {
  it('ends a 4.5 MB blockquote staircase with one clear line and exit code 2, in bounded time', () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'rfc-panel-hostile-'));
    const lines: string[] = [];
    for (let k = 1, size = 0; size < 4_500_000; k++) {
      lines.push(`${'>'.repeat(k)} step`);
      size += k + 6;
    }
    const path = join(dir, 'staircase.md');
    writeFileSync(path, `${lines.join('\n')}\n`);

    // Act
    const run = spawnSync(process.execPath, [join(packageRoot(), 'bin', 'rfc-panel.js'), 'review', path], { encoding: 'utf8', timeout: 60_000 });

    // Assert
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: `rfc-panel: ${path}: line 2994 nests 2994 blockquotes or lists deep (the limit is ${MAX_NESTING}); flatten the document\n`,
    });
  });
});

describe('a document that raises tens of thousands of checklist findings', () => {
  it('keeps the 2,000 most severe, in document order, and says how many there were', async () => {
    // Arrange
    const { capChecklistFindings, MAX_CHECKLIST_FINDINGS } = await import('../src/engines/cap-checklist-findings.js');
    const severities = ['nice-to-have', 'important', 'critical'] as const;
    const findings = Array.from({ length: 6_000 }, (_, i) => ({ severity: severities[i % 3]!, title: `f${i}` })) as never[];

    // Act
    const capped = capChecklistFindings({ findings, runs: [], notes: [], unanchored: 0 }, 'big.md');

    // Assert
    const kept = capped.findings as unknown as Array<{ severity: string; title: string }>;
    expect(kept).toHaveLength(MAX_CHECKLIST_FINDINGS);
    expect(kept.every((f) => f.severity === 'critical')).toBe(true);
    expect(kept.slice(0, 2).map((f) => f.title)).toEqual(['f2', 'f5']);
    expect(capped.notes).toEqual([
      'The offline checklist raised 6,000 findings on big.md; the 2,000 most severe are kept. Split the document to see the rest.',
    ]);
  });
});
