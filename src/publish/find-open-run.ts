import { callGitHub } from '../github/call-github.js';
import type { Octokit, PullRef } from '../github/types.js';
import { CHECK_NAME, type CheckRunHandle } from './check-run.js';

/** The open (queued or in_progress) run for this head, if there is one. */
export async function findOpenRun(octokit: Octokit, pull: PullRef, headSha: string): Promise<CheckRunHandle | null> {
  const { data } = await callGitHub('listing check runs', () =>
    octokit.rest.checks.listForRef({ owner: pull.owner, repo: pull.repo, ref: headSha, check_name: CHECK_NAME, filter: 'latest', per_page: 20 }),
  );
  const open = data.check_runs.find((r) => r.status !== 'completed');
  return open ? { id: open.id } : null;
}
