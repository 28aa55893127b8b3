import { isOwnComment } from '../github/is-own-comment.js';
import type { BotIdentity, Octokit, PullRef } from '../github/types.js';

/**
 * With `reviewEvent: request-changes`, the app's "changes requested" must not outlive the Critical
 * findings that caused it: once none is open, its own such reviews are dismissed.
 */
export async function dismissChangeRequests(octokit: Octokit, pull: PullRef, identity: BotIdentity, headSha: string): Promise<number> {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { owner: pull.owner, repo: pull.repo, pull_number: pull.pullNumber, per_page: 100 });
  const stale = reviews.filter((r) => r.state === 'CHANGES_REQUESTED' && isOwnComment(r, identity));
  for (const review of stale) {
    await octokit.rest.pulls.dismissReview({
      owner: pull.owner,
      repo: pull.repo,
      pull_number: pull.pullNumber,
      review_id: review.id,
      message: `No Critical finding is open as of ${headSha.slice(0, 7)}.`,
      event: 'DISMISS',
      request: { what: 'dismissing a change request' },
    });
  }
  return stale.length;
}
