import type { PullGateway, PullSnapshot } from '../github/pull-gateway.js';
import type { PullRef } from '../github/types.js';
import type { ReviewJob } from '../queue/schema.js';
import { answerResponse } from './answer-response.js';
import { failBeforeStart } from './fail-before-start.js';
import { gatewayFor, type JobDeps } from './job-deps.js';
import { judgeRevision } from './judge-revision.js';
import { loadRevision } from './load-revision.js';
import { publishRevision } from './publish-revision.js';
import { reportReviewFailure } from './report-review-failure.js';
import { whyNotReview } from './why-not-review.js';

/**
 * One review of one revision: the pull request now (skip when there is nothing to do) → its check
 * run → load the revision → judge it → publish it. Every failure ends in the check run saying what
 * happened; retryable ones are thrown back to the queue. Response documents in the revision are
 * answered last: their failure must not undo a published review.
 */
export async function runReviewJob(deps: JobDeps, job: ReviewJob, attempt: { final: boolean } = { final: true }): Promise<void> {
  const pull: PullRef = { owner: job.owner, repo: job.repo, pullNumber: job.pullNumber };
  const github = gatewayFor(deps, pull);
  const log = deps.log.child({ pull: `${job.owner}/${job.repo}#${job.pullNumber}`, delivery: job.deliveryId, trigger: job.trigger });
  // The pull request as it is now: the webhook may be minutes old.
  const pr = await github.getPull().catch((error: unknown) => failBeforeStart(github, job.headSha, error, attempt, log));
  const skip = await whyNotReview(job, pr, github);
  if (skip) return log.info(skip.detail, skip.reason);
  // The check run shows progress from here on, and is where the review ends.
  const run = await github.startCheck(pr.headSha);
  let responses: Array<{ path: string; text: string }> = [];
  try {
    responses = await reviewRevision(deps, github, job, pr, run.id, attempt, log);
  } catch (error) {
    await reportReviewFailure(github, run.id, error, attempt, log);
  }
  for (const response of responses) {
    await answerResponse(deps, pull, response.text, pr.author, log, `\`${response.path}\``).catch((error: unknown) =>
      log.warn({ err: error, path: response.path }, 'could not check the response document'),
    );
  }
}

/** Load → judge → publish; returns the response documents to answer once the review is published. */
async function reviewRevision(
  deps: JobDeps,
  github: PullGateway,
  job: ReviewJob,
  pr: PullSnapshot,
  checkRunId: number,
  attempt: { final: boolean },
  log: JobDeps['log'],
): Promise<Array<{ path: string; text: string }>> {
  const revision = await loadRevision(deps, github, job, pr, checkRunId, log);
  if ('finished' in revision) {
    log.info(revision.finished);
    return [];
  }
  const judged = await judgeRevision(deps, revision, attempt, log);
  if (!(await publishRevision(deps, revision, judged, log))) return [];
  return revision.responses.map((r) => ({ path: r.path, text: r.doc.text }));
}
