import { isOwnComment } from '../github/is-own-comment.js';
import { writeOnce } from '../github/write-once.js';
import type { BotIdentity, Octokit, PullRef } from '../github/types.js';
import { isSummary, marker } from '../github/markers.js';
import type { SummaryComment } from '../github/pull-gateway.js';

/** The app's sticky summary on the PR, if it wrote one (comments by others with our marker are ignored). */
export async function findSummaryComment(octokit: Octokit, pull: PullRef, identity: BotIdentity): Promise<SummaryComment | null> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: pull.owner,
    repo: pull.repo,
    issue_number: pull.pullNumber,
    per_page: 100,
  });
  const own = comments.find((c) => isOwnComment(c, identity) && isSummary(c.body));
  return own ? { id: own.id, body: own.body ?? '' } : null;
}

/** Create the sticky summary once, then edit it in place; an identical body is not rewritten. */
export async function ensureSummaryComment(
  octokit: Octokit,
  pull: PullRef,
  identity: BotIdentity,
  body: string,
  options: { existing?: SummaryComment | null; dryRun?: boolean } = {},
): Promise<{ id: number | null; status: 'created' | 'updated' | 'unchanged' | 'dry-run' }> {
  const full = body.includes(marker.summary) ? body : `${marker.summary}\n${body}`;
  if (options.dryRun) return { id: null, status: 'dry-run' };
  const existing = options.existing !== undefined ? options.existing : await findSummaryComment(octokit, pull, identity);
  if (existing && existing.body === full) return { id: existing.id, status: 'unchanged' };
  if (existing) {
    await octokit.rest.issues.updateComment({
      owner: pull.owner,
      repo: pull.repo,
      comment_id: existing.id,
      body: full,
      request: { what: 'updating the summary comment' },
    });
    return { id: existing.id, status: 'updated' };
  }
  // Never resent blindly: a second sticky summary would split the ledger. Found by its marker instead.
  const { data } = await writeOnce(
    'creating the summary comment',
    (noRetry) => octokit.rest.issues.createComment({ owner: pull.owner, repo: pull.repo, issue_number: pull.pullNumber, body: full, ...noRetry }),
    async () => {
      const found = await findSummaryComment(octokit, pull, identity);
      return found ? { data: { id: found.id } } : null;
    },
  );
  return { id: data.id, status: 'created' };
}
