import { findSection } from '../../../documents/find-section.js';
import type { DocumentIndex } from './index-document.js';
import type { TermHit } from './term-hit.js';

/**
 * The risk wording in the order a reviewer would point at it: a risk word such as "health" may
 * also sit in the header ("Medical Director"), while the sentence to fix is the one that puts it
 * next to the component ("the app receives a push: New result …"). Prose on a line naming the
 * component first, then prose in a section that names it, then other prose, then headings.
 */
export function rankRiskHits(index: DocumentIndex, riskHits: TermHit[], mentions: TermHit[]): TermHit[] {
  const named = new Set(mentions.map((m) => m.line));
  const sectionOf = (line: number): number => findSection(index.doc, line)?.headingLine ?? 0;
  const mentionSections = new Set(mentions.map((m) => sectionOf(m.line)));
  const rank = (h: TermHit): number => (index.headings.has(h.line) ? 3 : named.has(h.line) ? 0 : mentionSections.has(sectionOf(h.line)) ? 1 : 2);
  return riskHits
    .map((h, i) => ({ h, i, r: rank(h) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.h);
}
