import { SEVERITY_RANK } from '../findings/schema.js';
import { countDropped } from './count-dropped.js';
import { type Ledger, type LedgerEntry, OPEN_STATUSES } from './schema.js';

/**
 * Keep `keep` entries: findings with a thread or an accepted risk are kept before anything else,
 * then open before closed, more severe before less; open ones dropped are counted for the gate.
 */
export function dropLedgerEntries(ledger: Ledger, keep: number): Ledger {
  const weight = (e: LedgerEntry): number =>
    (e.status === 'accepted-risk' || e.threadCommentId !== null ? 0 : 1000) + (OPEN_STATUSES.has(e.status) ? 0 : 100) + SEVERITY_RANK[e.finding.severity];
  const order = ledger.entries.map((e, i) => ({ e, i })).sort((a, b) => weight(a.e) - weight(b.e) || a.i - b.i);
  const kept = new Set(order.slice(0, keep).map((x) => x.i));
  const dropped = { ...ledger.dropped };
  ledger.entries.forEach((e, i) => {
    if (!kept.has(i) && OPEN_STATUSES.has(e.status)) countDropped(dropped, e);
  });
  return { ...ledger, entries: ledger.entries.filter((_, i) => kept.has(i)), dropped };
}
