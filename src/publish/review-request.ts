import type { Logger } from 'pino';
import type { Finding } from '../findings/schema.js';
import type { BotIdentity, PullRef } from '../github/types.js';
import type { InlineComment } from './plan-review-comments.js';

/** The app comments or asks for changes; approving is not something a document may talk it into. */
export type ReviewEvent = 'COMMENT' | 'REQUEST_CHANGES';

/** What one revision's review asks GitHub for, and what came of it (the gateway's review call exchanges these). */
export interface ReviewRequest {
  pull: PullRef;
  headSha: string;
  event: ReviewEvent;
  inline: InlineComment[];
  elsewhere: Finding[];
  /** Every finding of the review, to move a refused inline comment into the summary. */
  findingsById: Map<string, Finding>;
  /** The summary body for a given set of findings outside the diff (grows when GitHub rejects a comment). */
  renderBody: (elsewhere: Finding[]) => string;
  identity: BotIdentity;
  dryRun?: boolean;
  log: Logger;
}

export interface ReviewOutcome {
  status: 'created' | 'exists' | 'dry-run';
  reviewId: number | null;
  /** Finding id → id of the review comment that opened its thread. */
  threads: Map<string, number>;
  /** Findings GitHub refused inline, moved to the summary. */
  demoted: Finding[];
  body: string;
}
