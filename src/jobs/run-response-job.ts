import type { ResponseJob } from '../queue/schema.js';
import { answerResponse } from './answer-response.js';
import type { JobDeps } from './job-deps.js';

/**
 * An author's response document posted as a PR comment: each claimed fix is matched to its ledger
 * finding and checked at the claimed location; verified claims close their findings, the rest are
 * answered with what is missing.
 */
export async function runResponseJob(deps: JobDeps, job: ResponseJob): Promise<void> {
  const log = deps.log.child({ pull: `${job.owner}/${job.repo}#${job.pullNumber}`, delivery: job.deliveryId, comment: job.commentId });
  await answerResponse(deps, { owner: job.owner, repo: job.repo, pullNumber: job.pullNumber }, job.body, job.author, log);
}
