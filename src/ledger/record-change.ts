import { applyChange } from './apply-change.js';
import type { StatusChangeReport } from './reconcile-types.js';
import type { Ledger, LedgerEntry, StatusChange } from './schema.js';

/** `applyChange` on an entry of `ledger`, which then holds the changed entry in its place. */
export function recordChange(ledger: Ledger, entry: LedgerEntry, change: StatusChange, claim?: LedgerEntry['claim']): StatusChangeReport {
  const report = applyChange(entry, change, claim);
  const at = ledger.entries.indexOf(entry);
  if (at >= 0) ledger.entries[at] = report.entry;
  return report;
}
