import type { Job } from '../queue/schema.js';
import type { JobDeps } from './job-deps.js';
import { runReplyJob } from './run-reply-job.js';
import { runResponseJob } from './run-response-job.js';
import { runReviewJob } from './run-review-job.js';

/** One job, timed and counted; the queue decides about retries from what this throws. */
export async function runJob(deps: JobDeps, job: Job, attempt: { final: boolean } = { final: true }): Promise<void> {
  const started = process.hrtime.bigint();
  const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    switch (job.kind) {
      case 'review':
        await runReviewJob(deps, job, attempt);
        break;
      case 'reply':
        await runReplyJob(deps, job);
        break;
      case 'response':
        await runResponseJob(deps, job);
        break;
    }
    if (job.kind === 'review') deps.metrics?.record({ type: 'review', seconds: seconds(), outcome: 'posted' });
  } catch (error) {
    deps.metrics?.record({ type: 'error', kind: (error as Error)?.name ?? 'Error' });
    if (job.kind === 'review') deps.metrics?.record({ type: 'review', seconds: seconds(), outcome: 'failed' });
    throw error;
  }
}
