import { computeReadiness, type Readiness } from '../findings/readiness.js';
import type { Finding } from '../findings/schema.js';
import type { ReconcileResult } from './reconcile-types.js';
import { rememberSections } from './remember-sections.js';
import { type Ledger, OPEN_STATUSES, type RevisionReview } from './schema.js';

export interface RevisionRecordInput {
  reconciled: ReconcileResult;
  previous: Ledger;
  /** Findings beyond the caps: never posted, and the first a full ledger leaves out. */
  held: Finding[];
  reviewed: Parameters<typeof rememberSections>[1];
  sha: string;
  at: string;
  review: RevisionReview;
}

/**
 * The reconciled ledger with this revision on record: held findings marked, the section cache
 * updated with what the panel read, and one revision entry per head (a re-review replaces it) with
 * its readiness, open counts and cost.
 */
export function recordRevision(input: RevisionRecordInput): { ledger: Ledger; open: Finding[]; readiness: Readiness } {
  const { reconciled, sha, at } = input;
  const open = reconciled.ledger.entries.filter((e) => OPEN_STATUSES.has(e.status)).map((e) => e.finding);
  const readiness = computeReadiness(open);
  const heldIds = new Set(input.held.map((f) => f.id));
  for (const e of reconciled.ledger.entries) e.held = heldIds.has(e.finding.id) && e.threadCommentId === null;
  const record = {
    sha,
    at,
    readiness: readiness.readiness,
    verdict: readiness.verdict,
    open: { critical: readiness.critical, important: readiness.important, niceToHave: readiness.niceToHave },
    review: input.review,
  };
  const ledger: Ledger = {
    ...reconciled.ledger,
    sectionCache: rememberSections(input.previous.sectionCache, input.reviewed, reconciled.ledger.entries),
    revisions: [...reconciled.ledger.revisions.filter((r) => r.sha !== sha), record],
  };
  return { ledger, open, readiness };
}
