import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../src/documents/parse-document.js';
import { createChecklistEngine } from '../src/engines/checklist/create-checklist-engine.js';
import { builtInRulesDir, loadRules } from '../src/engines/checklist/load-rules.js';
import { builtInReviewersDir, loadPersonaDir } from '../src/personas/load-personas.js';
import type { Persona } from '../src/personas/schema.js';
import { selectPersonas } from '../src/panel/select-personas.js';

const personas: Persona[] = loadPersonaDir(builtInReviewersDir());
const ruleFiles = readdirSync(builtInRulesDir())
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => name.replace(/\.yaml$/, ''));

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

describe('built-in personas', () => {
  it('cover the panel the product promises', () => {
    const ids = personas.map((p) => p.id).sort();

    expect(ids).toEqual(
      expect.arrayContaining([
        'api-architect',
        'data-migration',
        'database-architect',
        'devils-advocate',
        'integrations',
        'operations',
        'payments',
        'scalability',
        'security',
        'staff-engineer',
      ]),
    );
  });

  it('have unique ids that match their file names', () => {
    const ids = personas.map((p) => p.id);

    expect({ unique: new Set(ids).size, fileNames: personas.map((p) => p.source.split(/[\\/]/).pop()) }).toEqual({
      unique: ids.length,
      fileNames: ids.map((id) => `${id}.md`),
    });
  });

  it('only list checks that exist as rule files, each once', () => {
    const missing = personas.flatMap((p) => p.checks.filter((id) => !existsSync(join(builtInRulesDir(), `${id}.yaml`))).map((id) => `${p.id} → ${id}`));
    const repeated = personas.filter((p) => new Set(p.checks).size !== p.checks.length).map((p) => p.id);

    expect({ missing, repeated }).toEqual({ missing: [], repeated: [] });
  });

  it('between them run every rule file', () => {
    const listed = new Set(personas.flatMap((p) => p.checks));

    expect(ruleFiles.filter((id) => !listed.has(id))).toEqual([]);
  });

  it('give the database architect every SQL rule', () => {
    const architect = personas.find((p) => p.id === 'database-architect');

    expect(ruleFiles.filter((id) => id.startsWith('sql.') && !architect?.checks.includes(id))).toEqual([]);
  });

  it('engage the generalists on every document and payments only on real payment talk', () => {
    const engaged = (text: string): string[] =>
      selectPersonas(parseDocument('plan.md', text), personas)
        .map((s) => s.persona.id)
        .sort();

    expect({
      always: personas
        .filter((p) => p.engage.always)
        .map((p) => p.id)
        .sort(),
      passingMention: engaged('# Pricing page\nThe page shows the free tier and a paid tier.\n').includes('payments'),
      payments: engaged('# Checkout\nCharge the card through Stripe and refund on cancellation.\n').includes('payments'),
    }).toEqual({ always: ['devils-advocate', 'operations', 'staff-engineer'], passingMention: false, payments: true });
  });

  it.each(personas.map((p) => [p.id, p] as const))('%s has a prompt of 150 to 400 words', (_id, persona) => {
    const words = wordCount(persona.prompt);

    expect(words >= 150 && words <= 400 ? 'ok' : `${words} words`).toBe('ok');
  });

  it.each(personas.map((p) => [p.id, p] as const))('%s raises at least its expected concerns on its fixture, which engages it', async (_id, persona) => {
    const fixture = persona.fixture;
    if (!fixture) throw new Error(`${persona.id} has no fixture`);
    const document = parseDocument(fixture.file, readFileSync(join(builtInReviewersDir(), fixture.file), 'utf8'));

    const { findings, notes } = await createChecklistEngine(loadRules()).review({ document, personas: [persona] });

    // At least: the catalogue grows, and a fixture written for one persona may rightly draw more.
    const raised = new Set(findings.filter((f) => f.personas.includes(persona.id)).map((f) => f.ruleId));
    expect({
      engaged: selectPersonas(document, [persona]).length === 1,
      expects: fixture.expect.length > 0,
      missing: fixture.expect.filter((id) => !raised.has(id)),
      notes,
    }).toEqual({ engaged: true, expects: true, missing: [], notes: [] });
  });
});
