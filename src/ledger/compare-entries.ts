import { SEVERITY_RANK } from '../findings/schema.js';
import type { LedgerEntry } from './schema.js';

/** The order of the summary table: severity, then file, then line. A response's "#3" means row 3. */
export function compareEntries(a: LedgerEntry, b: LedgerEntry): number {
  return (
    SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] ||
    a.finding.anchor.path.localeCompare(b.finding.anchor.path) ||
    (a.finding.anchor.startLine ?? 1e9) - (b.finding.anchor.startLine ?? 1e9)
  );
}
