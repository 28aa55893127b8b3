import type { DocumentIndex } from './index-document.js';
import { isDeferred } from './is-deferred.js';
import { isNegated } from './is-negated.js';
import type { CompiledConcern } from './load-catalogue.js';
import type { TermHit } from './term-hit.js';

/**
 * Where the plan shows it handles a concern: its `handled` terms on lines the plan commits to, or
 * on any heading (a "## Alternatives considered" heading shows alternatives were weighed, even over
 * an inactive section). A mitigation written in a non-goal or a rejected alternative is not one,
 * and neither is one the plan denies ("retry every 1 s, no backoff") or puts off ("per-device
 * certificates are on the roadmap").
 */
export function handledHits(index: DocumentIndex, c: CompiledConcern): TermHit[] {
  return c.handled.match(index).filter((h) => (index.headings.has(h.line) || index.active.has(h.line)) && !isNegated(index, h) && !isDeferred(index, h));
}
