import type { StatusChangeReport } from './reconcile-types.js';
import type { LedgerEntry, StatusChange } from './schema.js';

/**
 * One status change recorded on a finding: a new entry with the change appended to its history,
 * and the report the summary and the threads are written from. The entry given is not modified.
 * `claim` replaces an outstanding "author says fixed" claim; by default it is kept.
 */
export function applyChange(entry: LedgerEntry, change: StatusChange, claim: LedgerEntry['claim'] = entry.claim): StatusChangeReport {
  const next: LedgerEntry = { ...entry, status: change.status, history: [...entry.history, change], claim };
  return { entry: next, from: entry.status, to: change.status, change };
}
