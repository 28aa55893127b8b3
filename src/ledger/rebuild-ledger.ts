import type { Finding } from '../findings/schema.js';
import type { OwnThread } from './load-stored-ledger.js';
import { EMPTY_LEDGER, type FindingStatus, type Ledger, type LedgerEntry } from './schema.js';

const STATUS: Record<OwnThread['decisions'][number]['kind'], FindingStatus> = { accepted: 'accepted-risk', withdrawn: 'withdrawn', verified: 'addressed' };

/**
 * A ledger from the app's own threads and this revision's findings, for when the stored one is gone
 * or was tampered with. A finding found again that has a thread gets it back (so it is not posted a
 * second time) with the last decision the app recorded there; reconciling then goes on as usual.
 * Findings whose thread exists but which no longer fire are left out: they need no action.
 */
export function rebuildLedger(threads: OwnThread[], current: Finding[], sha: string, at: string): Ledger {
  const byFinding = new Map(threads.map((t) => [t.findingId, t]));
  const entries: LedgerEntry[] = [];
  const seen = new Set<string>();
  for (const finding of current) {
    const thread = byFinding.get(finding.id);
    if (!thread || seen.has(finding.id)) continue;
    seen.add(finding.id);
    const decision = thread.decisions.at(-1) ?? null;
    const status: FindingStatus = decision ? STATUS[decision.kind] : 'open';
    const history: LedgerEntry['history'] = [{ status: 'open', sha, at, by: null, note: 'rebuilt from the review thread', lines: null }];
    if (decision) history.push({ status, sha, at, by: decision.by, note: decision.note, lines: null });
    entries.push({
      finding,
      status,
      raisedIn: sha,
      threadCommentId: thread.rootId,
      threadNodeId: null,
      resolved: status !== 'open',
      claim: null,
      history,
      held: false,
    });
  }
  return { ...EMPTY_LEDGER, entries };
}
