import type { PlanDocument } from '../../documents/schema.js';
import { matchedTriggers } from '../../personas/matched-triggers.js';
import type { Persona } from '../../personas/schema.js';
import type { SectionUnit } from './list-section-units.js';

/** Longer words of a persona's focus line: "staged rollout, rollback" → rollout, rollback, staged. */
const STOP = new Set([
  'about',
  'their',
  'there',
  'these',
  'those',
  'which',
  'while',
  'whether',
  'where',
  'would',
  'could',
  'should',
  'other',
  'whole',
  'between',
  'within',
  'without',
  'every',
  'thing',
  'things',
  'change',
  'changes',
  'design',
  'system',
  'systems',
  'plan',
  'plans',
]);

/** How much one section concerns a persona: distinct triggers and focus words it mentions, the heading's count three times. */
export function scoreRelevance(doc: PlanDocument, unit: SectionUnit, p: Persona): number {
  const lines = doc.lines.slice(unit.startLine - 1, unit.endLine);
  const terms = { ...p, engage: { ...p.engage, triggers: [...new Set([...p.engage.triggers.map((t) => t.toLowerCase()), ...focusWords(p)])] } };
  const count = (text: string[]): number => matchedTriggers({ ...doc, lines: text, hiddenLines: new Set() }, terms).length;
  const heading = unit.label !== null ? count([lines[0] ?? '']) : 0;
  return count(lines) + 2 * heading;
}

function focusWords(p: Persona): string[] {
  const words = p.focus.toLowerCase().match(/[\p{L}][\p{L}-]{4,}/gu) ?? [];
  return [...new Set(words.map((w) => w.replace(/(?:es|s)$/, '')).filter((w) => w.length >= 5 && !STOP.has(w)))];
}
