/**
 * Offline review speed: the whole corpus of real RFCs and KEPs (eval/corpus, ~300 KB) concatenated
 * (the first 307 KB of it, whole documents) into one document and reviewed by the checklist panel (catalogue, SQL rules, templates) from a
 * cold start. Target: under 2 s. Prints the ratio measured in this run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../src/documents/parse-document.js';
import { loadCatalogue } from '../src/engines/checklist/catalogue/load-catalogue.js';
import { createChecklistEngine } from '../src/engines/checklist/create-checklist-engine.js';
import { loadPersonas } from '../src/personas/load-personas.js';
import { runPanel } from '../src/panel/run-panel.js';
import { packageRoot } from '../src/package-root.js';

const TARGET_MS = 2000;
const dir = join(packageRoot(), 'eval', 'corpus');
// The size the target was set for (307 KB): whole documents in name order until it is reached.
const parts: string[] = [];
for (const name of readdirSync(dir)
  .filter((n) => n.endsWith('.md') && n !== 'SOURCES.md')
  .sort()) {
  if (parts.join('\n\n').length >= 307 * 1024) break;
  parts.push(readFileSync(join(dir, name), 'utf8'));
}
const text = parts.join('\n\n');
const started = performance.now();
const catalogue = loadCatalogue();
const engine = createChecklistEngine(undefined, catalogue);
const loaded = performance.now();
const result = await runPanel([parseDocument('corpus.md', text)], { engines: [engine], personas: loadPersonas() });
const done = performance.now();
const total = done - started;
console.log(
  `offline review of the corpus concatenation: ${(text.length / 1024).toFixed(0)} KB, ${text.split('\n').length} lines, ${catalogue.concerns.size} concerns`,
);
console.log(
  `  load catalogue ${(loaded - started).toFixed(0)} ms, review ${(done - loaded).toFixed(0)} ms, ${result.findings.length + result.held.length} findings`,
);
console.log(`  total ${total.toFixed(0)} ms ÷ target ${TARGET_MS} ms = ${(total / TARGET_MS).toFixed(2)} ${total <= TARGET_MS ? '(ok)' : '(over target)'}`);
process.exit(total <= TARGET_MS ? 0 : 1);
