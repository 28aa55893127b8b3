import type { Octokit, PullRef } from '../github/types.js';
import { findingIdIn } from '../github/markers.js';

/** Finding id → the review comment that opened its thread, in one review of the app's. */
export async function findReviewThreads(octokit: Octokit, pull: PullRef, reviewId: number): Promise<Map<string, number>> {
  const comments = await octokit.paginate(octokit.rest.pulls.listCommentsForReview, {
    owner: pull.owner,
    repo: pull.repo,
    pull_number: pull.pullNumber,
    review_id: reviewId,
    per_page: 100,
  });
  const threads = new Map<string, number>();
  for (const c of comments) {
    const id = findingIdIn(c.body);
    if (id) threads.set(id, c.id);
  }
  return threads;
}
