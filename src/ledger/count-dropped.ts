import type { Ledger, LedgerEntry } from './schema.js';

/** One more open finding the ledger no longer lists, counted by severity so the gate still sees it. */
export function countDropped(dropped: Ledger['dropped'], e: LedgerEntry): void {
  if (e.finding.severity === 'critical') dropped.critical++;
  else if (e.finding.severity === 'important') dropped.important++;
  else dropped.niceToHave++;
}
