import { activeHits } from './active-hits.js';
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
  const mentions = activeHits(index, c.synonyms.match(index)).filter((h) => !excluded.has(h.line) && !negated(index, h));
  index.memo.set(key, mentions);
  return mentions;
}

/** "no attachments", "without a cache": the plan names the component to say it is not there. */
function negated(index: DocumentIndex, hit: TermHit): boolean {
  const raw = index.doc.lines[hit.line - 1] ?? '';
  const at = raw.indexOf(hit.text);
  return at > 0 && /(?:^|[\s(,;])(?:no|without|nor)\s+$/i.test(raw.slice(0, at));
}
