import type { TermHit } from './term-hit.js';
import type { DocumentIndex } from './index-document.js';

/** The hits on lines the plan commits to (not in non-goals, alternatives, prior art, open questions). */
export function activeHits(index: DocumentIndex, hits: TermHit[]): TermHit[] {
  return hits.filter((h) => index.active.has(h.line));
}
