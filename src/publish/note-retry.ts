import { callGitHub } from '../github/call-github.js';
import type { Octokit, PullRef } from '../github/types.js';
import { fitOutput } from './check-run.js';

/** The run stays open while the queue retries: its output says why it is taking longer. */
export async function noteRetry(octokit: Octokit, pull: PullRef, checkRunId: number, note: { title: string; summary: string }): Promise<void> {
  await callGitHub('updating the check run', () =>
    octokit.rest.checks.update({
      owner: pull.owner,
      repo: pull.repo,
      check_run_id: checkRunId,
      status: 'in_progress',
      output: fitOutput(note),
    }),
  );
}
