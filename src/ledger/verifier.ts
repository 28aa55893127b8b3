import type { PlanDocument } from '../documents/schema.js';
import type { LedgerEntry } from './schema.js';

export interface Evidence {
  note: string;
  lines: [number, number] | null;
}

/** A verifier's answer for one open finding (Claude verification call, or a rule re-run); a revision's verdict is `ReadinessVerdict`. */
export interface Verdict {
  verdict: 'addressed' | 'partly' | 'not-addressed';
  evidence: Evidence | null;
  /** What is still missing, for `partly` and `not-addressed`. */
  missing?: string | null;
}

/**
 * What the ledger needs from the engine that raised a finding to judge it on a new revision. The
 * ledger owns this port and the offline engine implements it (`engines/checklist/checklist-verifier.ts`);
 * the jobs and the CLI hand the implementation in, so the ledger never imports an engine.
 */
export interface Verifier {
  /** Re-check one finding against this revision; null when this verifier did not raise it (a model's finding). */
  verify(entry: LedgerEntry, doc: PlanDocument): Promise<Verdict | null>;
  /** Why a finding whose check stopped firing counts as fixed, in the document's own words. */
  evidenceFor(entry: LedgerEntry, doc: PlanDocument): Evidence | null;
  /** Whether this version still has the check that raised a finding (a retired check says nothing about the text). */
  isKnownCheck(ruleId: string): boolean;
}
