import { activeHits } from './active-hits.js';
import { isNegated } from './is-negated.js';
import type { TermHit } from './term-hit.js';
import type { DocumentIndex } from './index-document.js';
import type { CompiledConcern } from './load-catalogue.js';

/**
 * Every active line naming the component (not the lines its `exclude` terms claim, nor "no X" /
 * "without X", which name it to say it is not there). Memoised by
 * the component's terms, not its id, so catalogues that reuse an id never share results.
 */
export function mentionsOf(index: DocumentIndex, c: CompiledConcern): TermHit[] {
  const key = `mentions:${c.synonyms.key}\u0001${c.exclude?.key ?? ''}`;
  if (index.memo.has(key)) return index.memo.get(key) as TermHit[];
  const excluded = new Set((c.exclude?.match(index) ?? []).map((h) => h.line));
  const mentions = activeHits(index, c.synonyms.match(index)).filter((h) => !excluded.has(h.line) && !isNegated(index, h));
  index.memo.set(key, mentions);
  return mentions;
}
