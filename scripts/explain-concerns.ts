/**
 * Why a line of a plan gets, or does not get, a catalogue finding: for every concern whose risk
 * wording or component names that line, what the plan says about each gate (component mentions,
 * requires, risk, handled). For catalogue authors; it reads the plan and the built-in catalogue only.
 *
 *   node dist/scripts/explain-concerns.js <plan.md> <line number | text on the line>
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from '../src/documents/parse-document.js';
import { activeHits } from '../src/engines/checklist/catalogue/active-hits.js';
import { indexDocument } from '../src/engines/checklist/catalogue/index-document.js';
import { handledHits } from '../src/engines/checklist/catalogue/handled-hits.js';
import { loadCatalogue } from '../src/engines/checklist/catalogue/load-catalogue.js';
import { mentionsOf } from '../src/engines/checklist/catalogue/mentions-of.js';
import { INFERRED_PER_PLAN } from '../src/engines/checklist/catalogue/run-catalogue.js';
import { runConcern } from '../src/engines/checklist/catalogue/run-concern.js';

const [path, where] = process.argv.slice(2);
if (!path || !where) {
  process.stderr.write('usage: node dist/scripts/explain-concerns.js <plan.md> <line number | text on the line>\n');
  process.exit(2);
}
const text = readFileSync(path, 'utf8');
const lines = text.split(/\r\n|\r|\n/);
const line = /^\d+$/.test(where) ? Number(where) : lines.findIndex((l) => l.toLowerCase().includes(where.toLowerCase())) + 1;
if (line < 1 || line > lines.length) {
  process.stderr.write(`${path} has no line ${/^\d+$/.test(where) ? where : `containing "${where}"`}\n`);
  process.exit(2);
}
const index = indexDocument(parseDocument(path, text));
const lineOf = (hits: { line: number; text: string }[]): string =>
  hits
    .slice(0, 3)
    .map((h) => `${h.line}:"${h.text}"`)
    .join(' ') || '-';
process.stdout.write(`line ${line}${index.active.has(line) ? '' : ' (inactive section)'}: ${lines[line - 1]?.trim()}\n`);
for (const c of loadCatalogue().concerns.values()) {
  const risk = c.risk ? c.risk.match(index) : [];
  const mentions = mentionsOf(index, c);
  if (!risk.some((h) => h.line === line) && !mentions.some((h) => h.line === line)) continue;
  const hit = runConcern(index, c);
  const handled = handledHits(index, c);
  const unmet = c.requires.filter((r) => activeHits(index, r.match(index)).length === 0).length;
  process.stdout.write(
    `${hit ? `FIRES at ${hit.anchor.startLine ?? hit.anchor.level}${hit.inferred === undefined ? '' : ` (inferred, score ${hit.inferred.toFixed(1)}; the strongest ${INFERRED_PER_PLAN} per plan are kept)`}` : 'quiet'}  ${c.id}\n` +
      `    component ${mentions.length}/${c.component.minMentions}: ${lineOf(mentions)}\n` +
      `    risk: ${c.risk ? lineOf(activeHits(index, risk)) : '(none needed)'}   requires unmet: ${unmet}\n` +
      `    handled: ${lineOf(handled)}\n`,
  );
}
