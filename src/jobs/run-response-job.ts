import type { ResponseJob } from '../queue/schema.js';
import type { JobDeps } from './job-deps.js';

export async function runResponseJob(deps: JobDeps, job: ResponseJob): Promise<void> {
  deps.log.info({ comment: job.commentId }, 'response handling not implemented yet');
}
