import type { Logger } from 'pino';
import type { PullDocument } from '../documents/pull-document.js';
import type { Anchor, Finding } from '../findings/schema.js';
import type { PullGateway } from '../github/pull-gateway.js';
import type { BotIdentity } from '../github/types.js';
import type { PanelResult } from '../panel/run-panel.js';
import type { ReviewEvent } from './review-request.js';
import { planReviewComments } from './plan-review-comments.js';
import { renderReviewBody } from './render-review-body.js';

export interface RevisionReviewPost {
  headSha: string;
  identity: BotIdentity;
  event: ReviewEvent;
  panel: PanelResult;
  /** The new findings, shown in this review. */
  shownNew: Finding[];
  documents: PullDocument[];
  personaNames: Map<string, string>;
  linkFor: (anchor: Anchor) => string;
  /** A later revision's review lists only what is new; the summary tracks the rest. */
  followUp: boolean;
  dryRun: boolean;
  log: Logger;
}

/** The revision's one review: new findings inline where the diff allows, the rest in its body. Returns the threads it opened. */
export async function postRevisionReview(github: Pick<PullGateway, 'publishReview'>, p: RevisionReviewPost): Promise<Map<string, number>> {
  const { inline, elsewhere } = planReviewComments(p.shownNew, p.documents, p.personaNames);
  const review = await github.publishReview({
    headSha: p.headSha,
    identity: p.identity,
    log: p.log,
    dryRun: p.dryRun,
    event: p.event,
    inline,
    elsewhere,
    findingsById: new Map(p.shownNew.map((f) => [f.id, f])),
    renderBody: (outside) => renderReviewBody(p.panel, p.shownNew, outside, p.linkFor, p.followUp),
  });
  p.log.info(
    { status: review.status, inline: inline.length - review.demoted.length, summaryOnly: elsewhere.length + review.demoted.length },
    'review published',
  );
  return review.threads;
}
