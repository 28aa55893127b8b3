import type { Job } from '../queue/schema.js';
import type { JobDeps } from './job-deps.js';
import { runReplyJob } from './run-reply-job.js';
import { runResponseJob } from './run-response-job.js';
import { runReviewJob } from './run-review-job.js';

export async function runJob(deps: JobDeps, job: Job, attempt: { final: boolean } = { final: true }): Promise<void> {
  switch (job.kind) {
    case 'review':
      return runReviewJob(deps, job, attempt);
    case 'reply':
      return runReplyJob(deps, job);
    case 'response':
      return runResponseJob(deps, job);
  }
}
