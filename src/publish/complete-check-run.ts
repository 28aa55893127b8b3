import { callGitHub } from '../github/call-github.js';
import type { CheckRunResult } from '../github/pull-gateway.js';
import type { Octokit, PullRef } from '../github/types.js';
import { CHECK_ACTIONS, MAX_OUTPUT } from './check-run.js';

export async function completeCheckRun(octokit: Octokit, pull: PullRef, checkRunId: number, result: CheckRunResult): Promise<void> {
  const clip = (s: string): string => (s.length > MAX_OUTPUT ? `${s.slice(0, MAX_OUTPUT - 80)}\n\n…(truncated at GitHub's size limit)` : s);
  await callGitHub('completing the check run', () =>
    octokit.rest.checks.update({
      owner: pull.owner,
      repo: pull.repo,
      check_run_id: checkRunId,
      status: 'completed',
      conclusion: result.conclusion,
      completed_at: new Date().toISOString(),
      output: { title: result.title.slice(0, 250), summary: clip(result.summary), ...(result.text ? { text: clip(result.text) } : {}) },
      actions: CHECK_ACTIONS,
    }),
  );
}
