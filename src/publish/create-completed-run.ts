import type { CheckRunResult } from '../github/pull-gateway.js';
import type { Octokit, PullRef } from '../github/types.js';
import { writeOnce } from '../github/write-once.js';
import { CHECK_ACTIONS, CHECK_NAME, fitOutput } from './check-run.js';

/** A completed run created once: after an ambiguous failure, the latest run with this title counts as it. */
export async function createCompletedRun(octokit: Octokit, pull: PullRef, headSha: string, result: CheckRunResult): Promise<void> {
  const output = fitOutput({ title: result.title, summary: result.summary });
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
        output,
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
      const found = data.check_runs.find((r) => r.status === 'completed' && r.output?.title === output.title);
      return found ? { data: found } : null;
    },
  );
}
