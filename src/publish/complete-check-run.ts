import { callGitHub } from '../github/call-github.js';
import type { CheckRunResult } from '../github/pull-gateway.js';
import type { Octokit, PullRef } from '../github/types.js';
import { CHECK_ACTIONS, fitOutput } from './check-run.js';

export async function completeCheckRun(octokit: Octokit, pull: PullRef, checkRunId: number, result: CheckRunResult): Promise<void> {
  await callGitHub('completing the check run', () =>
    octokit.rest.checks.update({
      owner: pull.owner,
      repo: pull.repo,
      check_run_id: checkRunId,
      status: 'completed',
      conclusion: result.conclusion,
      completed_at: new Date().toISOString(),
      output: fitOutput(result),
      actions: CHECK_ACTIONS,
    }),
  );
}
