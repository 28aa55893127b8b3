import { z } from 'zod';
import { FindingSchema } from '../findings/schema.js';

/**
 * A finding's life across revisions: open until the text shows it fixed (addressed), the author
 * or a writer accepts the risk, or the reviewer concedes (withdrawn); superseded when its text is
 * gone for another reason (its document was deleted or left the pull request); regressed when a fix is undone.
 */
export const FindingStatusSchema = z.enum(['open', 'addressed', 'accepted-risk', 'withdrawn', 'superseded', 'regressed']);
export type FindingStatus = z.infer<typeof FindingStatusSchema>;

export const OPEN_STATUSES: ReadonlySet<FindingStatus> = new Set(['open', 'regressed']);

export const StatusChangeSchema = z.object({
  status: FindingStatusSchema,
  /** Head SHA of the revision the change was decided on. */
  sha: z.string(),
  at: z.string(),
  /** Login of the person whose reply made the change; null when the app decided from the text. */
  by: z.string().nullable(),
  /** Evidence quote, accepted-risk reason, or what is still missing. */
  note: z.string().nullable(),
  /** Lines of the evidence in that revision. */
  lines: z.tuple([z.number().int(), z.number().int()]).nullable().default(null),
});
export type StatusChange = z.infer<typeof StatusChangeSchema>;

export const LedgerEntrySchema = z.object({
  finding: FindingSchema,
  status: FindingStatusSchema,
  raisedIn: z.string(),
  /** Review comment that opened the finding's thread; null when it lives in the summary only. */
  threadCommentId: z.number().int().nullable(),
  /** GraphQL id of the thread, once known (needed to resolve it). */
  threadNodeId: z.string().nullable().default(null),
  resolved: z.boolean().default(false),
  /** Set when the author said in the thread that it is fixed; the next revision's check answers them. */
  claim: z.object({ by: z.string(), at: z.string() }).nullable().default(null),
  history: z.array(StatusChangeSchema),
  /** Beyond the severity caps: never posted, counted only. The first to go when the ledger must shrink. */
  held: z.boolean().default(false),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

export const RevisionSchema = z.object({
  sha: z.string(),
  at: z.string(),
  readiness: z.number().int(),
  verdict: z.string(),
  open: z.object({ critical: z.number().int(), important: z.number().int(), niceToHave: z.number().int() }),
});
export type Revision = z.infer<typeof RevisionSchema>;

export const LedgerSchema = z.object({
  version: z.literal(1),
  revisions: z.array(RevisionSchema),
  entries: z.array(LedgerEntrySchema),
  /**
   * Open findings left out of a ledger that had to shrink to fit one comment (held findings first),
   * counted by severity so the merge gate still sees them; the next review finds them again.
   */
  dropped: z.object({ critical: z.number().int(), important: z.number().int(), niceToHave: z.number().int() }).default({ critical: 0, important: 0, niceToHave: 0 }),
});
export type Ledger = z.infer<typeof LedgerSchema>;

export const EMPTY_LEDGER: Ledger = { version: 1, revisions: [], entries: [], dropped: { critical: 0, important: 0, niceToHave: 0 } };
