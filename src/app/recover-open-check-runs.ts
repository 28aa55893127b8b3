import type { Logger } from 'pino';
import { callGitHub } from '../github/call-github.js';
import type { Octokit } from '../github/types.js';
import { CHECK_NAME } from '../publish/check-run.js';
import type { Job, JobQueue } from '../queue/schema.js';

export interface RecoveryLimits {
  /** GitHub calls the whole scan may make: it runs at every start, for every installation. */
  maxCalls: number;
  /** Only pull requests updated this recently can hold a job a dead process lost. */
  maxAgeMs: number;
  /** Open pull requests looked at per repository, most recently updated first. */
  pullsPerRepo: number;
}

export const DEFAULT_RECOVERY: RecoveryLimits = { maxCalls: 300, maxAgeMs: 24 * 3600_000, pullsPerRepo: 10 };

export interface RecoveryResult {
  requeued: number;
  scannedPulls: number;
  /** True when the call budget ran out before every installation was seen. */
  truncated: boolean;
}

/**
 * The in-process queue lives in memory: a process killed with SIGKILL loses its waiting and running
 * jobs, and their check runs would stay `queued` or `in_progress` forever, with no button (GitHub
 * shows actions only on completed runs). At start-up, the app's open `rfc-panel` runs on the heads of
 * recently updated open pull requests are found and their reviews queued again: the review picks the
 * same run up (or finds its review already posted, by marker) and completes it. Bounded by a call
 * budget; reply and response jobs lost with the process are not recovered (see ARCHITECTURE.md).
 */
export async function recoverOpenCheckRuns(
  deps: { appOctokit: Octokit; installationOctokit: (id: number) => Promise<Octokit>; queue: JobQueue; log: Logger; now: () => Date },
  limits: RecoveryLimits = DEFAULT_RECOVERY,
): Promise<RecoveryResult> {
  let calls = 0;
  const spend = (): boolean => ++calls <= limits.maxCalls;
  const since = deps.now().getTime() - limits.maxAgeMs;
  const result: RecoveryResult = { requeued: 0, scannedPulls: 0, truncated: false };
  if (!spend()) return { ...result, truncated: true };
  const { data: installations } = await callGitHub('listing installations', () => deps.appOctokit.rest.apps.listInstallations({ per_page: 100 }));
  for (const installation of installations) {
    if (!spend()) return { ...result, truncated: true };
    const octokit = await deps.installationOctokit(installation.id);
    const { data: repos } = await callGitHub('listing repositories', () => octokit.rest.apps.listReposAccessibleToInstallation({ per_page: 100 }));
    for (const repo of repos.repositories) {
      if (!spend()) return { ...result, truncated: true };
      const owner = repo.owner.login;
      const { data: pulls } = await callGitHub('listing open pull requests', () =>
        octokit.rest.pulls.list({ owner, repo: repo.name, state: 'open', sort: 'updated', direction: 'desc', per_page: limits.pullsPerRepo }),
      );
      for (const pr of pulls) {
        if (Date.parse(pr.updated_at) < since) break;
        if (!spend()) return { ...result, truncated: true };
        result.scannedPulls++;
        const { data } = await callGitHub('listing check runs', () =>
          octokit.rest.checks.listForRef({ owner, repo: repo.name, ref: pr.head.sha, check_name: CHECK_NAME, filter: 'latest', per_page: 20 }),
        );
        const open = data.check_runs.find((r) => r.status !== 'completed');
        if (!open) continue;
        const job: Job = {
          kind: 'review',
          deliveryId: `recover-${open.id}`,
          installationId: installation.id,
          owner,
          repo: repo.name,
          pullNumber: pr.number,
          headSha: pr.head.sha,
          trigger: 'recovered',
          force: true,
          requestedBy: null,
        };
        const outcome = await deps.queue.enqueue(job);
        deps.log.info({ pull: `${owner}/${repo.name}#${pr.number}`, checkRun: open.id, outcome }, 'review re-queued after a restart');
        result.requeued++;
      }
    }
  }
  return result;
}
