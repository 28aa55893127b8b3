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
  repository: {
    pullRequest: {
      reviewThreads: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: Array<{ id: string; isResolved: boolean; comments: { nodes: Array<{ fullDatabaseId: string | number | null }> } }>;
      };
    };
  };
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

/**
 * Bring the threads opened by the given root comments to the wanted resolved state. Resolving needs
 * a permission some installations lack: then nothing is changed and `resolvable` is false, and the
 * caller says so instead of failing. Returns the thread ids found, by root comment id.
 */
export async function syncThreadResolution(
  octokit: Octokit,
  pull: PullRef,
  wanted: Map<number, boolean>,
): Promise<{ resolvable: boolean; threadIds: Map<number, string> }> {
  const threadIds = new Map<number, string>();
  try {
    const threads = await listReviewThreads(octokit, pull);
    for (const [root, resolved] of wanted) {
      const thread = threads.find((t) => t.rootCommentId === root);
      if (!thread) continue;
      threadIds.set(root, thread.id);
      if (thread.isResolved !== resolved) await setThreadResolved(octokit, thread.id, resolved);
    }
    return { resolvable: true, threadIds };
  } catch (error) {
    const forbidden = /resource not accessible|forbidden|permission/i.test((error as Error).message ?? '') || (error as { status?: number }).status === 403;
    if (!forbidden) throw error;
    return { resolvable: false, threadIds };
  }
}
