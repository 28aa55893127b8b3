import type { PlanDocument } from '../documents/schema.js';
import type { Finding } from '../findings/schema.js';
import type { FindingStatus, Ledger, LedgerEntry, StatusChange } from './schema.js';
import type { Verdict, Verifier } from './verifier.js';

/** What reconciling a revision takes (reconcile-ledger.ts). */
export interface ReconcileInput {
  previous: Ledger;
  /** Every finding the panel raised on this revision (shown and held). */
  current: Finding[];
  /** Documents reviewed at this head, by path. */
  documents: Map<string, PlanDocument>;
  /** Old path → new path for documents renamed in the PR. */
  renamed?: Map<string, string>;
  /** Documents the PR deleted. */
  deleted?: Set<string>;
  sha: string;
  at: string;
  /** Verdicts for findings the checklist cannot re-check by itself (Claude findings), by finding id. */
  verdicts?: Map<string, Verdict>;
  /** Evidence that a checklist finding is fixed (the mitigating text), when its rule stops firing. */
  evidenceFor?: Verifier['evidenceFor'];
  /**
   * Whether the offline engine still has the check that raised a finding. A check retired in a
   * newer version of rfc-panel no longer fires, which says nothing about the text: such open
   * findings are superseded, not "addressed".
   */
  knownCheck?: Verifier['isKnownCheck'];
}

export interface StatusChangeReport {
  entry: LedgerEntry;
  from: FindingStatus | null;
  to: FindingStatus;
  change: StatusChange;
}

export interface ReconcileResult {
  ledger: Ledger;
  /** Findings not in the ledger before: they go in this revision's review. */
  newFindings: Finding[];
  changes: StatusChangeReport[];
  /** Open findings a verifier said are only partly fixed, with what is missing. */
  stillOpen: Array<{ entry: LedgerEntry; missing: string | null }>;
}
