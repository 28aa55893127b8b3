import { callGitHub, toGitHubError } from '../github/call-github.js';
import type { Octokit } from '../github/types.js';
import { NO_RETRY } from '../github/write-once.js';
import type { ReviewRequest } from './review-request.js';
import type { InlineComment } from './plan-review-comments.js';

/**
 * Bisect the batch with pending (unsubmitted) reviews, deleted right away: a pending review is
 * invisible to others, so probing leaves no trace and never posts a second review.
 */
export async function findRejectedComments(
  octokit: Octokit,
  request: Pick<ReviewRequest, 'pull' | 'headSha'>,
  comments: InlineComment[],
): Promise<InlineComment[]> {
  const { owner, repo, pullNumber } = request.pull;
  const accepted = async (batch: InlineComment[]): Promise<boolean> => {
    try {
      const pending = await octokit.rest.pulls.createReview({
        owner,
        repo,
        pull_number: pullNumber,
        commit_id: request.headSha,
        comments: batch.map(({ findingId: _id, ...c }) => c),
        ...NO_RETRY,
      });
      await callGitHub('deleting a probe review', () =>
        octokit.rest.pulls.deletePendingReview({ owner, repo, pull_number: pullNumber, review_id: pending.data.id }),
      );
      return true;
    } catch (error) {
      if ((error as { status?: number }).status === 422) return false;
      throw toGitHubError('posting the review', error);
    }
  };
  const search = async (batch: InlineComment[]): Promise<InlineComment[]> => {
    if (await accepted(batch)) return [];
    if (batch.length === 1) return batch;
    const mid = Math.ceil(batch.length / 2);
    return [...(await search(batch.slice(0, mid))), ...(await search(batch.slice(mid)))];
  };
  return search(comments);
}
