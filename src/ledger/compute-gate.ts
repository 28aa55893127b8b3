import { SEVERITY_RANK, type Severity } from '../findings/schema.js';
import { OPEN_STATUSES, type Ledger } from './schema.js';

export type Gate = 'critical' | 'important' | 'none';

/** The merge gate follows the ledger: it fails while a finding at or above the gate is open or regressed. */
export function computeGate(ledger: Ledger, gate: Gate): { conclusion: 'success' | 'failure'; blocking: number } {
  if (gate === 'none') return { conclusion: 'success', blocking: 0 };
  const threshold = SEVERITY_RANK[gate as Severity];
  const blocking = ledger.entries.filter((e) => OPEN_STATUSES.has(e.status) && SEVERITY_RANK[e.finding.severity] <= threshold).length;
  return { conclusion: blocking > 0 ? 'failure' : 'success', blocking };
}
