/**
 * npm run docs:fixtures — sets each built-in persona's `fixture.expect` to what the offline engine
 * credits to it on its fixture today. Run after changing the catalogue, then read the diff: a
 * concern that disappeared from a fixture is a regression unless it was meant to.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../src/documents/parse-document.js';
import { createChecklistEngine } from '../src/engines/checklist/create-checklist-engine.js';
import { builtInReviewersDir, loadPersonas } from '../src/personas/load-personas.js';

const engine = createChecklistEngine();
for (const persona of loadPersonas()) {
  if (!persona.fixture) continue;
  const document = parseDocument(persona.fixture.file, readFileSync(join(builtInReviewersDir(), persona.fixture.file), 'utf8'));
  const { findings } = await engine.review({ document, personas: [persona] });
  const ids = [...new Set(findings.filter((f) => f.personas.includes(persona.id)).map((f) => f.ruleId!))].sort();
  const file = join(builtInReviewersDir(), `${persona.id}.md`);
  const text = readFileSync(file, 'utf8');
  const updated = text.replace(
    /(fixture:\n {2}file: [^\n]+\n {2}expect:\n)(?: {4}- [^\n]+\n)*/,
    (_, head: string) => `${head}${ids.map((id) => `    - ${id}\n`).join('')}`,
  );
  writeFileSync(file, updated);
  console.log(`${persona.id}: ${ids.length} expected`);
}
