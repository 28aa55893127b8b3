import { callGitHub } from '../github/call-github.js';
import type { Octokit, PullRef } from '../github/types.js';
import type { CheckRunHandle } from './check-run.js';
import { createOpenRun } from './create-open-run.js';
import { findOpenRun } from './find-open-run.js';

/** The run for this head, moved to in_progress (created if the announcement never landed). */
export async function startCheckRun(octokit: Octokit, pull: PullRef, headSha: string): Promise<CheckRunHandle> {
  const existing = await findOpenRun(octokit, pull, headSha);
  if (existing) {
    await callGitHub('starting the check run', () =>
      octokit.rest.checks.update({
        owner: pull.owner,
        repo: pull.repo,
        check_run_id: existing.id,
        status: 'in_progress',
        started_at: new Date().toISOString(),
      }),
    );
    return existing;
  }
  return createOpenRun(octokit, pull, headSha, 'in_progress');
}
