import { SEVERITY_RANK, type Severity } from '../findings/schema.js';
import { OPEN_STATUSES, type Ledger } from './schema.js';

export type Gate = 'critical' | 'important' | 'none';

/** The merge gate follows the ledger: it fails while a finding at or above the gate is open or regressed. */
export function computeGate(ledger: Ledger, gate: Gate): { conclusion: 'success' | 'failure'; blocking: number } {
  if (gate === 'none') return { conclusion: 'success', blocking: 0 };
  const threshold = SEVERITY_RANK[gate as Severity];
  const listed = ledger.entries.filter((e) => OPEN_STATUSES.has(e.status) && SEVERITY_RANK[e.finding.severity] <= threshold).length;
  // Findings a shrunken ledger only counts still block.
  const dropped = ledger.dropped ?? { critical: 0, important: 0, niceToHave: 0 };
  const blocking = listed + dropped.critical + (threshold >= SEVERITY_RANK.important ? dropped.important : 0);
  return { conclusion: blocking > 0 ? 'failure' : 'success', blocking };
}
