import type { PullGateway, PullSnapshot } from '../github/pull-gateway.js';
import type { ReviewJob } from '../queue/schema.js';

/** Why this job does not review the pull request (with what to log), or null when it does. */
export async function whyNotReview(
  job: ReviewJob,
  pr: PullSnapshot,
  github: Pick<PullGateway, 'hasWriteAccess'>,
): Promise<{ reason: string; detail: Record<string, unknown> } | null> {
  if (pr.state !== 'open') return { reason: 'skipped: pull request is not open', detail: { state: pr.state } };
  if (pr.authorIsBot) return { reason: 'skipped: opened by a bot', detail: { author: pr.author } };
  // A comment command can cost a paid review: only the author and writers may ask for one.
  if (
    job.trigger === 'command' &&
    job.requestedBy &&
    job.requestedBy.toLowerCase() !== pr.author.toLowerCase() &&
    !(await github.hasWriteAccess(job.requestedBy))
  ) {
    return { reason: 'skipped: /rfc-panel review from someone without write access', detail: { requestedBy: job.requestedBy } };
  }
  if (job.headSha !== null && job.headSha !== pr.headSha && !job.force)
    return { reason: 'skipped: a newer push is queued for review', detail: { jobHead: job.headSha, head: pr.headSha } };
  return null;
}
