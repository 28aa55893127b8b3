import type { Logger } from 'pino';
import type { PullGateway } from '../github/pull-gateway.js';
import { readSummaryLedger } from '../ledger/read-summary-ledger.js';
import type { Ledger, LedgerEntry } from '../ledger/schema.js';
import type { SummaryComment } from '../github/pull-gateway.js';
import type { ReplyJob } from '../queue/schema.js';
import type { JobDeps } from './job-deps.js';
import { loadPullContext, type PullContext } from './load-pull-context.js';
import { runReviewJob } from './run-review-job.js';

export interface ReplyThread {
  ctx: PullContext;
  ledger: Ledger;
  summary: SummaryComment | null;
  entry: LedgerEntry;
}

/**
 * The finding a reply is about, as the ledger knows it. No trustworthy ledger (the summary was
 * deleted, or edited by someone else) under one of our threads: it is rebuilt first with a review of
 * the head — this job runs in the PR's lane, so nothing interleaves — rather than drop what the reply
 * says. Null when the ledger does not hold the finding.
 */
export async function loadReplyThread(
  deps: JobDeps,
  github: PullGateway,
  job: ReplyJob,
  findingId: string,
  rootId: number,
  log: Logger,
): Promise<ReplyThread | null> {
  let ctx = await loadPullContext(deps, github);
  let read = await readSummaryLedger(github, ctx.identity, ctx.seal);
  if (!read.ledger && ctx.pr.state === 'open') {
    log.warn({ findingId }, 'reply in a thread without a trustworthy ledger; rebuilding it with a review first');
    await runReviewJob(deps, {
      kind: 'review',
      deliveryId: `${job.deliveryId}:rebuild`,
      installationId: job.installationId,
      owner: job.owner,
      repo: job.repo,
      pullNumber: job.pullNumber,
      headSha: null,
      trigger: 'recovered',
      force: true,
      requestedBy: null,
    });
    ctx = await loadPullContext(deps, github);
    read = await readSummaryLedger(github, ctx.identity, ctx.seal);
  }
  const entry = read.ledger?.entries.find((e) => e.finding.id === findingId);
  if (!read.ledger || !entry) {
    log.info({ findingId }, 'reply to a finding the ledger does not hold');
    return null;
  }
  if (!entry.threadCommentId) entry.threadCommentId = rootId;
  return { ctx, ledger: read.ledger, summary: read.summary, entry };
}
