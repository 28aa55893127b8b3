import type { Probot } from 'probot';
import type { Logger } from 'pino';
import type { Octokit } from '../github/types.js';
import type { JobQueue } from '../queue/schema.js';
import { DEFAULT_RECOVERY, recoverOpenCheckRuns } from './recover-open-check-runs.js';
import { sortGitHubErrors } from '../github/sort-github-errors.js';

/**
 * The start-up scan for check runs a dead process left open (in-process queue only): their reviews
 * are queued again. A failed scan is logged, never thrown: a Re-review or a push finishes them.
 */
export function startRecovery(app: Probot, queue: JobQueue, log: Logger, env: NodeJS.ProcessEnv, now: () => Date): Promise<unknown> {
  return (async () => {
    const result = await recoverOpenCheckRuns(
      {
        appOctokit: sortGitHubErrors((await app.auth()) as unknown as Octokit),
        installationOctokit: async (id) => sortGitHubErrors((await app.auth(id)) as unknown as Octokit),
        queue,
        log,
        now,
      },
      { ...DEFAULT_RECOVERY, maxCalls: Number(env.RFC_PANEL_RECOVERY_MAX_CALLS) || DEFAULT_RECOVERY.maxCalls },
    );
    log.info(result, 'start-up scan for check runs left open by a previous process');
    return result;
  })().catch((error: unknown) => log.warn({ err: error }, 'start-up scan for open check runs failed; a Re-review or a push finishes them'));
}
