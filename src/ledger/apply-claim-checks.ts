import type { ClaimCheck } from './check-response-claims.js';
import type { StatusChangeReport } from './reconcile-types.js';
import { recordChange } from './record-change.js';
import { type Ledger, OPEN_STATUSES } from './schema.js';

/**
 * A response's checked claims on the ledger, decided by someone who may settle findings: a fix
 * verified in the text closes its finding; a claim the text does not bear out (yet) is kept as an
 * outstanding claim, re-checked on the next revision. Settled findings are left as they are.
 */
export function applyClaimChecks(ledger: Ledger, checks: ClaimCheck[], decided: { sha: string; at: string; by: string }): StatusChangeReport[] {
  const changes: StatusChangeReport[] = [];
  for (const c of checks) {
    // The entry as it is now: an earlier claim in the same response may have closed it.
    const entry = c.entry ? ledger.entries.find((e) => e.finding.id === c.entry!.finding.id) : undefined;
    if (!entry || !OPEN_STATUSES.has(entry.status)) continue;
    if (c.outcome === 'verified' || c.outcome === 'verified-elsewhere') {
      changes.push(
        recordChange(ledger, entry, { status: 'addressed', sha: decided.sha, at: decided.at, by: decided.by, note: c.detail, lines: c.lines }, null),
      );
    } else if (c.outcome === 'not-verified' || c.outcome === 'unverifiable') {
      entry.claim = { by: decided.by, at: decided.at };
    }
  }
  return changes;
}
