import { isOwnComment } from './is-own-comment.js';
import type { BotIdentity, Octokit, PullRef } from './types.js';

/**
 * The app's own comment carrying `tag`, among a pull request's review comments (`where: 'review'`)
 * or its conversation (`'issue'`); as `{ data }` so it can stand in for the write that made it.
 */
export async function findOwnComment(
  octokit: Octokit,
  pull: PullRef,
  identity: BotIdentity,
  tag: string,
  where: 'review' | 'issue' = 'review',
): Promise<{ data: { id: number } } | null> {
  const comments =
    where === 'review'
      ? await octokit.paginate(octokit.rest.pulls.listReviewComments, { owner: pull.owner, repo: pull.repo, pull_number: pull.pullNumber, per_page: 100 })
      : await octokit.paginate(octokit.rest.issues.listComments, { owner: pull.owner, repo: pull.repo, issue_number: pull.pullNumber, per_page: 100 });
  const found = (comments as Array<{ id: number; body?: string | null; user?: unknown; performed_via_github_app?: unknown }>).find(
    (c) => isOwnComment(c as never, identity) && (c.body ?? '').includes(tag),
  );
  return found ? { data: { id: found.id } } : null;
}
