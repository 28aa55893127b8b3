import { activeHits } from './active-hits.js';
import type { DocumentIndex } from './index-document.js';
import type { CompiledConcern } from './load-catalogue.js';
import { mentionsOf } from './mentions-of.js';
import { rankRiskHits } from './rank-risk-hits.js';
import type { TermHit } from './term-hit.js';

// A step that exercises the system with test data ("smoke tests: charge a test card, refund") says
// how the plan is checked, not what it does in production.
const TEST_CONTEXT = /\b(?:smoke tests?|test cards?|test tenants?|test mode|synthetics?)\b/i;

/** Lines that exercise the system with test data, once per document (every concern's risk sites ask). */
function testDataLines(index: DocumentIndex): ReadonlySet<number> {
  let lines = index.memo.get('test-data-lines') as Set<number> | undefined;
  if (!lines) {
    lines = new Set(index.lines.filter((l) => TEST_CONTEXT.test(l.raw)).map((l) => l.line));
    index.memo.set('test-data-lines', lines);
  }
  return lines;
}

/**
 * A concern's risk wording on the lines the plan commits to, in the order a reviewer would point
 * at it (rankRiskHits). Memoised per document: the first finding takes the first site and
 * runCatalogue the next ones, and both used to rank the same hits again.
 */
export function riskSitesOf(index: DocumentIndex, c: CompiledConcern): TermHit[] {
  if (!c.risk) return [];
  let byConcern = index.memo.get('risk-sites') as WeakMap<CompiledConcern, TermHit[]> | undefined;
  if (!byConcern) index.memo.set('risk-sites', (byConcern = new WeakMap()));
  let sites = byConcern.get(c);
  if (!sites) {
    const testData = testDataLines(index);
    sites = rankRiskHits(
      index,
      activeHits(index, c.risk.match(index)).filter((h) => !testData.has(h.line)),
      mentionsOf(index, c),
    );
    byConcern.set(c, sites);
  }
  return sites;
}
