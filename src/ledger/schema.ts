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

export const UsageRecordSchema = z.object({
  inputTokens: z.number().nonnegative(),
  outputTokens: z.number().nonnegative(),
  cacheCreationInputTokens: z.number().nonnegative(),
  cacheReadInputTokens: z.number().nonnegative(),
  costUsd: z.number().nonnegative(),
});

/** How a revision was reviewed and what it cost: the check run compares it with the first review. */
export const RevisionReviewSchema = z.object({
  mode: z.enum(['full', 'incremental']),
  /** Model usage of the panel and the verification calls. */
  usage: UsageRecordSchema,
  /** A reviewer failed: the next revision is reviewed whole, so nothing is left unread. */
  partial: z.boolean().default(false),
});
export type RevisionReview = z.infer<typeof RevisionReviewSchema>;

export const RevisionSchema = z.object({
  sha: z.string(),
  at: z.string(),
  readiness: z.number().int(),
  verdict: z.string(),
  open: z.object({ critical: z.number().int(), important: z.number().int(), niceToHave: z.number().int() }),
  /** Absent in ledgers written before incremental reviews, and when no model ran. */
  review: RevisionReviewSchema.optional(),
});
export type Revision = z.infer<typeof RevisionSchema>;

/**
 * Section cache: key (persona, model, prompt version, section text, outline; see
 * engines/claude/section-cache-key.ts) → ids of the open findings that persona has on that
 * section's text. A section reviewed once is never paid for again while its text and outline stay,
 * on any replica, after any restart: the map travels with the ledger.
 */
export const SectionCacheSchema = z.record(z.string().regex(/^[0-9a-f]{12}$/), z.array(z.string().regex(/^[0-9a-f]{12}$/)));
export type SectionCache = z.infer<typeof SectionCacheSchema>;

export const LedgerSchema = z.object({
  version: z.literal(1),
  revisions: z.array(RevisionSchema),
  entries: z.array(LedgerEntrySchema),
  /** Optional so ledgers written before the cache still read. */
  sectionCache: SectionCacheSchema.optional(),
  /**
   * Open findings left out of a ledger that had to shrink to fit one comment (held findings first),
   * counted by severity so the merge gate still sees them; the next review finds them again.
   */
  dropped: z
    .object({ critical: z.number().int(), important: z.number().int(), niceToHave: z.number().int() })
    .default({ critical: 0, important: 0, niceToHave: 0 }),
});
export type Ledger = z.infer<typeof LedgerSchema>;

export const EMPTY_LEDGER: Ledger = { version: 1, revisions: [], entries: [], dropped: { critical: 0, important: 0, niceToHave: 0 } };
