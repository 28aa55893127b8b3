import { activeHits } from './active-hits.js';
import type { DocumentIndex } from './index-document.js';
import type { CompiledConcern } from './load-catalogue.js';
import { mentionsOf } from './mentions-of.js';
import { rankRiskHits } from './rank-risk-hits.js';
import type { TermHit } from './term-hit.js';

/**
 * A concern's risk wording on the lines the plan commits to, in the order a reviewer would point
 * at it (rankRiskHits). Memoised per document: the first finding takes the first site and
 * runCatalogue the next ones, and both used to rank the same hits again.
 */
// A step that exercises the system with test data ("smoke tests: charge a test card, refund") says
// how the plan is checked, not what it does in production.
const TEST_CONTEXT = /\b(?:smoke tests?|test cards?|test tenants?|test mode|synthetics?)\b/i;

export function riskSitesOf(index: DocumentIndex, c: CompiledConcern): TermHit[] {
  if (!c.risk) return [];
  let byConcern = index.memo.get('risk-sites') as WeakMap<CompiledConcern, TermHit[]> | undefined;
  if (!byConcern) index.memo.set('risk-sites', (byConcern = new WeakMap()));
  let sites = byConcern.get(c);
  if (!sites) {
    sites = rankRiskHits(
      index,
      activeHits(index, c.risk.match(index)).filter((h) => !TEST_CONTEXT.test(index.doc.lines[h.line - 1] ?? '')),
      mentionsOf(index, c),
    );
    byConcern.set(c, sites);
  }
  return sites;
}
