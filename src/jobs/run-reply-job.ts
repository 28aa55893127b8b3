import type { ReplyJob } from '../queue/schema.js';
import type { JobDeps } from './job-deps.js';

export async function runReplyJob(deps: JobDeps, job: ReplyJob): Promise<void> {
  deps.log.info({ comment: job.commentId }, 'reply handling not implemented yet');
}
