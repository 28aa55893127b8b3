import type { Logger } from 'pino';
import { ProbotOctokit } from 'probot';
import { sortGitHubErrors } from '../github/sort-github-errors.js';
import type { Octokit } from '../github/types.js';
import type { ActionOptions } from './action-options.js';

/** Octokit for the workflow's token, against GITHUB_API_URL (GHES too). */
export function createActionOctokit(token: string, baseUrl: string, log: Logger, options: Pick<ActionOptions, 'Octokit' | 'fetch'>): Octokit {
  const Octokit = options.Octokit ?? ProbotOctokit;
  const client = new Octokit({
    auth: { token },
    baseUrl,
    log,
    // A workflow token shares the repository's limits with every other workflow: wait out a
    // primary limit twice and a secondary one once, then let the job fail.
    throttle: {
      onRateLimit: (_after: number, _o: unknown, _k: unknown, retryCount: number) => retryCount < 2,
      onSecondaryRateLimit: (_after: number, _o: unknown, _k: unknown, retryCount: number) => retryCount < 1,
    },
    ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
  } as ConstructorParameters<typeof ProbotOctokit>[0]) as unknown as Octokit;
  // Every request of the Action's client fails the way the app's do (retryable or not, Retry-After).
  return sortGitHubErrors(client);
}
