import { activeHits } from './active-hits.js';
import type { TermMatcher } from './compile-terms.js';
import type { TermHit } from './term-hit.js';
import type { DocumentIndex } from './index-document.js';
import type { CompiledConcern } from './load-catalogue.js';

/**
 * Every active line naming the component (not the lines its `exclude` terms claim, nor "no X" /
 * "without X", which name it to say it is not there). Memoised by the component's compiled term
 * lists (object identity, not the id, so catalogues that reuse an id never share results; not a
 * string of every term, which cost more to build and hash on each call than the lookup saved).
 */
export function mentionsOf(index: DocumentIndex, c: CompiledConcern): TermHit[] {
  let memo = index.memo.get('mentions') as Map<TermMatcher, Map<TermMatcher | null, TermHit[]>> | undefined;
  if (!memo) index.memo.set('mentions', (memo = new Map()));
  let bySynonyms = memo.get(c.synonyms);
  if (!bySynonyms) memo.set(c.synonyms, (bySynonyms = new Map()));
  const known = bySynonyms.get(c.exclude);
  if (known) return known;
  const excluded = new Set((c.exclude?.match(index) ?? []).map((h) => h.line));
  const mentions = activeHits(index, c.synonyms.match(index)).filter((h) => !excluded.has(h.line) && !negated(index, h));
  bySynonyms.set(c.exclude, mentions);
  return mentions;
}

/** "no attachments", "without a cache": the plan names the component to say it is not there. */
function negated(index: DocumentIndex, hit: TermHit): boolean {
  const raw = index.doc.lines[hit.line - 1] ?? '';
  const at = raw.indexOf(hit.text);
  return at > 0 && /(?:^|[\s(,;])(?:no|without|nor)\s+$/i.test(raw.slice(0, at));
}
