import { callGitHub } from '../github/call-github.js';
import type { Octokit, PullRef } from '../github/types.js';
import { writeOnce } from '../github/write-once.js';

export const CHECK_NAME = 'rfc-panel';
export const REREVIEW_ACTION = { label: 'Re-review', description: 'Review what changed since last review', identifier: 'rereview' } as const;
/** The full choice: every document whole, the section cache bypassed (GitHub: label ≤ 20, description ≤ 40, identifier ≤ 20). */
export const FULL_REREVIEW_ACTION = { label: 'Full re-review', description: 'Review every document whole, no cache', identifier: 'rereview-full' } as const;
export const CHECK_ACTIONS = [REREVIEW_ACTION, FULL_REREVIEW_ACTION];

const MAX_OUTPUT = 65_000;

export interface CheckRunHandle {
  id: number;
}

/** Show "queued" on the commit as soon as a job is accepted; the job picks the same run up. */
export async function announceCheckRun(octokit: Octokit, pull: PullRef, headSha: string): Promise<CheckRunHandle> {
  const existing = await findOpenRun(octokit, pull, headSha);
  if (existing) return existing;
  return createOpenRun(octokit, pull, headSha, 'queued');
}

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

/** A second open run for one head would never be completed: after an ambiguous failure, look for the first. */
async function createOpenRun(octokit: Octokit, pull: PullRef, headSha: string, status: 'queued' | 'in_progress'): Promise<CheckRunHandle> {
  const { data } = await writeOnce(
    'creating the check run',
    (noRetry) =>
      octokit.rest.checks.create({
        owner: pull.owner,
        repo: pull.repo,
        name: CHECK_NAME,
        head_sha: headSha,
        status,
        ...(status === 'in_progress' ? { started_at: new Date().toISOString() } : {}),
        ...noRetry,
      }),
    async () => {
      const found = await findOpenRun(octokit, pull, headSha);
      return found ? { data: found } : null;
    },
  );
  return { id: data.id };
}

/** A completed run created once: after an ambiguous failure, the latest run with this title counts as it. */
export async function createCompletedRun(octokit: Octokit, pull: PullRef, headSha: string, result: CheckRunResult): Promise<void> {
  await writeOnce(
    'creating the check run',
    (noRetry) =>
      octokit.rest.checks.create({
        owner: pull.owner,
        repo: pull.repo,
        name: CHECK_NAME,
        head_sha: headSha,
        status: 'completed',
        conclusion: result.conclusion,
        completed_at: new Date().toISOString(),
        output: { title: result.title.slice(0, 250), summary: result.summary.slice(0, MAX_OUTPUT) },
        actions: CHECK_ACTIONS,
        ...noRetry,
      }),
    async () => {
      const { data } = await octokit.rest.checks.listForRef({
        owner: pull.owner,
        repo: pull.repo,
        ref: headSha,
        check_name: CHECK_NAME,
        filter: 'latest',
        per_page: 20,
      });
      const found = data.check_runs.find((r) => r.status === 'completed' && r.output?.title === result.title.slice(0, 250));
      return found ? { data: found } : null;
    },
  );
}

async function findOpenRun(octokit: Octokit, pull: PullRef, headSha: string): Promise<CheckRunHandle | null> {
  const { data } = await callGitHub('listing check runs', () =>
    octokit.rest.checks.listForRef({ owner: pull.owner, repo: pull.repo, ref: headSha, check_name: CHECK_NAME, filter: 'latest', per_page: 20 }),
  );
  const open = data.check_runs.find((r) => r.status !== 'completed');
  return open ? { id: open.id } : null;
}

import type { CheckRunResult } from '../github/pull-gateway.js';

export type { CheckRunResult };

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

/** The run stays open while the queue retries: its output says why it is taking longer. */
export async function noteRetry(octokit: Octokit, pull: PullRef, checkRunId: number, note: { title: string; summary: string }): Promise<void> {
  await callGitHub('updating the check run', () =>
    octokit.rest.checks.update({
      owner: pull.owner,
      repo: pull.repo,
      check_run_id: checkRunId,
      status: 'in_progress',
      output: { title: note.title.slice(0, 250), summary: note.summary.slice(0, MAX_OUTPUT) },
    }),
  );
}
