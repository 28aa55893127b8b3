import type { Octokit, PullRef } from '../github/types.js';
import type { CheckRunHandle } from './check-run.js';
import { createOpenRun } from './create-open-run.js';
import { findOpenRun } from './find-open-run.js';

/** Show "queued" on the commit as soon as a job is accepted; the job picks the same run up. */
export async function announceCheckRun(octokit: Octokit, pull: PullRef, headSha: string): Promise<CheckRunHandle> {
  const existing = await findOpenRun(octokit, pull, headSha);
  if (existing) return existing;
  return createOpenRun(octokit, pull, headSha, 'queued');
}
