import type { Finding } from '../findings/schema.js';
import { toGitHubError } from '../github/call-github.js';
import { writeOnce } from '../github/write-once.js';
import { isOwnComment } from '../github/is-own-comment.js';
import type { Octokit } from '../github/types.js';
import { marker, reviewHead } from '../github/markers.js';
import { findRejectedComments } from './find-rejected-comments.js';
import { findReviewThreads } from './find-review-threads.js';
import type { InlineComment } from './plan-review-comments.js';
import type { ReviewOutcome, ReviewRequest } from './review-request.js';

const MAX_BODY = 65_000;

/**
 * One revision, one review: find the review this app already posted for this head (by marker, in
 * its own reviews only) or post it. If GitHub rejects the batch (422, usually a line outside the
 * diff), find the comments it refuses and move only those into the summary. Reached through the
 * pull-request gateway, whose client sorts every GitHub failure (sort-github-errors.ts).
 */
export async function ensureReview(octokit: Octokit, request: ReviewRequest): Promise<ReviewOutcome> {
  const { owner, repo, pullNumber } = request.pull;
  if ((request.event as string) === 'APPROVE') throw new Error('rfc-panel never approves a pull request');

  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number: pullNumber, per_page: 100 });
  const existing = reviews.find((r) => isOwnComment(r, request.identity) && reviewHead(r.body) === request.headSha);
  if (existing) {
    request.log.info({ reviewId: existing.id }, 'review for this head already posted');
    return {
      status: 'exists',
      reviewId: existing.id,
      threads: await findReviewThreads(octokit, request.pull, existing.id),
      demoted: [],
      body: existing.body ?? '',
    };
  }

  let inline = request.inline;
  let demoted: Finding[] = [];
  const bodyFor = (): string => truncate(`${request.renderBody([...request.elsewhere, ...demoted])}\n\n${marker.review(request.headSha)}`);
  if (request.dryRun) return { status: 'dry-run', reviewId: null, threads: new Map(), demoted, body: bodyFor() };

  // Never resent blindly: after a 502 the review may exist; it is found by its head marker instead.
  const post = (comments: InlineComment[]) =>
    writeOnce(
      'posting the review',
      (noRetry) =>
        octokit.rest.pulls.createReview({
          owner,
          repo,
          pull_number: pullNumber,
          commit_id: request.headSha,
          event: request.event,
          body: bodyFor(),
          comments: comments.map(({ findingId: _id, ...c }) => c),
          ...noRetry,
        }),
      async () => {
        const now = await octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number: pullNumber, per_page: 100 });
        const found = now.find((r) => isOwnComment(r, request.identity) && reviewHead(r.body) === request.headSha);
        return found ? { data: { id: found.id, body: found.body } } : null;
      },
    );

  let created;
  try {
    created = await post(inline);
  } catch (error) {
    if ((error as { status?: number }).status !== 422 || inline.length === 0) throw wrap(error);
    request.log.warn({ comments: inline.length }, 'review rejected (422); finding the comments GitHub refuses');
    const rejected = await findRejectedComments(octokit, request, inline);
    const rejectedIds = new Set(rejected.map((c) => c.findingId));
    demoted = rejected.map((c) => request.findingsById.get(c.findingId)).filter((f): f is Finding => f !== undefined);
    inline = inline.filter((c) => !rejectedIds.has(c.findingId));
    created = await post(inline);
  }
  return {
    status: 'created',
    reviewId: created.data.id,
    threads: await findReviewThreads(octokit, request.pull, created.data.id),
    demoted,
    body: created.data.body ?? '',
  };
}

/** Sorted like every other GitHub failure (rate limits retryable, with their Retry-After). */
function wrap(error: unknown): Error {
  return toGitHubError('posting the review', error);
}

function truncate(body: string): string {
  if (body.length <= MAX_BODY) return body;
  const tail = body.slice(body.lastIndexOf('<!-- rfc-panel:'));
  return `${body.slice(0, MAX_BODY - tail.length - 200)}\n\n…(summary truncated at GitHub's size limit; the check run lists every finding)\n\n${tail}`;
}
