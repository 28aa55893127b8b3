import { createOctokitGateway } from '../gateway/create-octokit-gateway.js';
import type { Octokit } from '../github/types.js';
import type { Job } from '../queue/schema.js';

/**
 * A `/rfc-panel review` command may cost a paid review and, once queued, takes the place of a push's
 * waiting review: only the pull request's author and users with write access may ask. Checked
 * before the job is enqueued, so an outsider's command can never coalesce an authorised review away
 * (and leave the head's check run queued forever). Other jobs pass.
 */
export async function authoriseCommand(octokit: Octokit, job: Job, pullAuthor: string | null): Promise<boolean> {
  if (job.kind !== 'review' || job.trigger !== 'command' || job.requestedBy === null) return true;
  if (pullAuthor !== null && job.requestedBy.toLowerCase() === pullAuthor.toLowerCase()) return true;
  return createOctokitGateway(octokit, { owner: job.owner, repo: job.repo, pullNumber: job.pullNumber }).hasWriteAccess(job.requestedBy);
}
