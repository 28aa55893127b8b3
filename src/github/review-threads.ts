import type { Octokit, PullRef } from './types.js';

export interface ReviewThread {
  id: string;
  isResolved: boolean;
  /** REST id of the thread's first comment: how a thread is tied to a finding. */
  rootCommentId: number | null;
}

const THREADS = `query($owner: String!, $repo: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { id isResolved comments(first: 1) { nodes { fullDatabaseId } } }
      }
    }
  }
}`;

interface ThreadsResponse {
  repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<{ id: string; isResolved: boolean; comments: { nodes: Array<{ fullDatabaseId: string | number | null }> } }> } } };
}

export async function listReviewThreads(octokit: Octokit, pull: PullRef): Promise<ReviewThread[]> {
  const threads: ReviewThread[] = [];
  let after: string | null = null;
  for (let page = 0; page < 30; page++) {
    const res: ThreadsResponse = await octokit.graphql<ThreadsResponse>(THREADS, { owner: pull.owner, repo: pull.repo, number: pull.pullNumber, after });
    const conn = res.repository.pullRequest.reviewThreads;
    for (const n of conn.nodes) {
      const root = n.comments.nodes[0]?.fullDatabaseId;
      threads.push({ id: n.id, isResolved: n.isResolved, rootCommentId: root === null || root === undefined ? null : Number(root) });
    }
    if (!conn.pageInfo.hasNextPage) break;
    after = conn.pageInfo.endCursor;
  }
  return threads;
}

export async function setThreadResolved(octokit: Octokit, threadId: string, resolved: boolean): Promise<void> {
  const mutation = resolved
    ? 'mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { id isResolved } } }'
    : 'mutation($id: ID!) { unresolveReviewThread(input: { threadId: $id }) { thread { id isResolved } } }';
  await octokit.graphql(mutation, { id: threadId });
}
