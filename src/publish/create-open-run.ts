import type { Octokit, PullRef } from '../github/types.js';
import { writeOnce } from '../github/write-once.js';
import { CHECK_NAME, type CheckRunHandle } from './check-run.js';
import { findOpenRun } from './find-open-run.js';

/** A second open run for one head would never be completed: after an ambiguous failure, look for the first. */
export async function createOpenRun(octokit: Octokit, pull: PullRef, headSha: string, status: 'queued' | 'in_progress'): Promise<CheckRunHandle> {
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
