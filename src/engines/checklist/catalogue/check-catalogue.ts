import { parseDocument } from '../../../documents/parse-document.js';
import { indexDocument } from './index-document.js';
import type { Catalogue, CompiledConcern } from './load-catalogue.js';
import { runConcern } from './run-concern.js';

/**
 * Plain project prose that names no component: every synonym, risk and mitigation list must stay
 * quiet on it, or the list is too loose to mean anything.
 */
const NEUTRAL_TEXT = [
  '# Quarterly planning notes',
  '',
  '## Context',
  'The team met on Tuesday to agree on priorities for the next quarter and to review how the',
  'previous one went. Most of the discussion was about hiring, onboarding and the office move.',
  '',
  '## Decisions',
  '- Ana will own the onboarding guide and share a draft with everyone next week.',
  '- We keep the weekly meeting but shorten it to thirty minutes.',
  '- The design review rotation continues as before, one person per week.',
  '',
  '## Notes',
  'People liked the new meeting room. Lunch on Fridays stays. Questions go to the team channel.',
].join('\n');

export interface FixtureProblem {
  concern: string;
  problem: string;
}

/** Runs every concern's fixtures and the neutral-text lint; returns what is wrong, empty when all is well. */
export function checkCatalogue(catalogue: Catalogue, only?: (c: CompiledConcern) => boolean): FixtureProblem[] {
  const problems: FixtureProblem[] = [];
  const neutral = indexDocument(parseDocument('neutral.md', NEUTRAL_TEXT));
  const seenComponents = new Set<string>();
  for (const c of catalogue.concerns.values()) {
    if (only && !only(c)) continue;
    const say = (problem: string): void => void problems.push({ concern: c.id, problem });
    if (!seenComponents.has(c.component.id)) {
      seenComponents.add(c.component.id);
      const words = c.synonyms.match(neutral);
      if (words.length > 0) problems.push({ concern: c.component.id, problem: `a synonym matches neutral text: "${words[0]!.text}"` });
    }
    for (const [name, m] of [
      ['risk', c.risk],
      ['handled', c.handled],
    ] as const) {
      const hit = m?.match(neutral)[0];
      if (hit) say(`${name} matches neutral text: "${hit.text}" (line ${hit.line})`);
    }
    c.concern.fixtures.fires.forEach((f, i) => {
      const hit = runConcern(indexDocument(parseDocument('fires.md', f.doc)), c);
      if (!hit) {
        say(`fires[${i}] does not fire`);
        return;
      }
      const where = hit.anchor.level === 'line' ? hit.anchor.startLine : null;
      if (f.line !== null && where !== f.line) say(`fires[${i}] fires at ${where ?? hit.anchor.level}, the fixture says line ${f.line}`);
      if (f.line === null && c.concern.anchor === 'line' && where === null) say(`fires[${i}] fires at ${hit.anchor.level}`);
    });
    c.concern.fixtures.passes.forEach((doc, i) => {
      const index = indexDocument(parseDocument('passes.md', doc));
      const hit = runConcern(index, c);
      if (hit) say(`passes[${i}] fires at ${hit.anchor.startLine ?? hit.anchor.level} ("${hit.match}")`);
    });
  }
  return problems;
}
