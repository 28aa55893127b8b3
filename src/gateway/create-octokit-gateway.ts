import { loadConfig } from '../config/load-config.js';
import { loadRepoPersonas } from '../personas/load-repo-personas.js';
import { completeCheckRun } from '../publish/complete-check-run.js';
import { createCompletedRun } from '../publish/create-completed-run.js';
import { noteRetry } from '../publish/note-retry.js';
import { startCheckRun } from '../publish/start-check-run.js';
import { ensureReview } from '../publish/ensure-review.js';
import { ensureSummaryComment, findSummaryComment } from '../publish/ensure-summary-comment.js';
import { dismissChangeRequests } from '../publish/dismiss-change-requests.js';
import { findOwnComment } from '../github/find-own-comment.js';
import { isOwnComment } from '../github/is-own-comment.js';
import type { CommentPlace, GitHubComment, PullGateway } from '../github/pull-gateway.js';
import { readRawContent } from '../github/read-raw-content.js';
import { syncThreadResolution } from '../github/review-threads.js';
import { sortGitHubErrors } from '../github/sort-github-errors.js';
import type { BotIdentity, Octokit, PullRef } from '../github/types.js';
import { writeOnce } from '../github/write-once.js';

/** The pull request gateway on a real (or nock-faked) GitHub; its client's errors are sorted once, by a hook. */
export function createOctokitGateway(client: Octokit, pull: PullRef): PullGateway {
  const octokit = sortGitHubErrors(client);
  const { owner, repo, pullNumber } = pull;
  const base = { owner, repo, pull_number: pullNumber };
  const comments = (place: CommentPlace['kind']): Promise<GitHubComment[]> =>
    place === 'issue'
      ? octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: pullNumber, per_page: 100 })
      : octokit.paginate(octokit.rest.pulls.listReviewComments, { ...base, per_page: 100 });
  const postComment = async (place: CommentPlace, body: string, tag: string, identity: BotIdentity): Promise<void> => {
    await writeOnce(
      place.kind === 'issue' ? 'posting a comment' : 'replying in a finding thread',
      (noRetry) =>
        place.kind === 'issue'
          ? octokit.rest.issues.createComment({ owner, repo, issue_number: pullNumber, body, ...noRetry })
          : octokit.rest.pulls.createReplyForReviewComment({ ...base, comment_id: place.replyTo, body, ...noRetry }),
      () => findOwnComment(octokit, pull, identity, tag, place.kind === 'issue' ? 'issue' : 'review'),
    );
  };
  return {
    pull,
    async getPull() {
      const { data: pr } = await octokit.rest.pulls.get({ ...base, request: { what: 'reading the pull request' } });
      return {
        state: pr.state,
        draft: pr.draft === true,
        author: pr.user?.login ?? '',
        authorIsBot: pr.user?.type === 'Bot',
        headSha: pr.head.sha,
        baseSha: pr.base.sha,
        repoUrl: pr.base.repo.html_url,
      };
    },
    async hasWriteAccess(login) {
      try {
        const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: login });
        return data.permission === 'admin' || data.permission === 'write' || data.permission === 'maintain';
      } catch (error) {
        if ((error as { status?: number | null }).status === 404) return false;
        throw error;
      }
    },
    loadConfig: () => loadConfig(octokit, owner, repo),
    loadRepoPersonas: (folder) => loadRepoPersonas(octokit, owner, repo, folder),
    listFiles: () => octokit.paginate(octokit.rest.pulls.listFiles, { ...base, per_page: 100 }),
    async readFileAt(ref, path, { maxBytes }) {
      try {
        const bytes = await readRawContent(octokit, { owner, repo, path, ref });
        return bytes.length > maxBytes ? { tooLarge: bytes.length } : { bytes };
      } catch (error) {
        if ((error as { status?: number | null }).status === 404) return { missing: true };
        throw error;
      }
    },
    listReviewComments: () => comments('reply'),
    getReviewComment: async (id) => (await octokit.rest.pulls.getReviewComment({ owner, repo, comment_id: id, request: { what: 'reading the thread' } })).data,
    findSummary: (identity) => findSummaryComment(octokit, pull, identity),
    ensureSummary: async (identity, body, options) => void (await ensureSummaryComment(octokit, pull, identity, body, options)),
    postComment,
    async postOnce(place, body, tag, identity) {
      const said = await comments(place.kind);
      if (said.some((c) => isOwnComment(c, identity) && (c.body ?? '').includes(tag))) return false;
      await postComment(place, body, tag, identity);
      return true;
    },
    startCheck: (headSha) => startCheckRun(octokit, pull, headSha),
    completeCheck: (id, result) => completeCheckRun(octokit, pull, id, result),
    noteRetry: (id, note) => noteRetry(octokit, pull, id, note),
    createCompletedCheck: (headSha, result) => createCompletedRun(octokit, pull, headSha, result),
    publishReview: (request) => ensureReview(octokit, { ...request, pull }),
    syncThreads: (wanted) => syncThreadResolution(octokit, pull, wanted),
    dismissChangeRequests: (identity, headSha) => dismissChangeRequests(octokit, pull, identity, headSha),
  };
}
