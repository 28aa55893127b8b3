import type { JobDeps } from '../jobs/job-deps.js';
import { runJob } from '../jobs/run-job.js';
import { describeJob } from '../queue/describe-job.js';
import { exponentialBackoff } from '../queue/exponential-backoff.js';
import { runWithRetries } from '../queue/run-with-retries.js';
import type { Job } from '../queue/schema.js';
import type { ActionOptions } from './action-options.js';

/**
 * The step's jobs, one after another, each retried as the App's queue retries (retryPolicy,
 * Retry-After included); stops at the first job that fails for good and returns its error.
 */
export async function runActionJobs(deps: JobDeps, jobs: Job[], options: ActionOptions): Promise<{ error: unknown } | null> {
  const retry = {
    attempts: options.attempts ?? 3,
    // A workflow token shares the repository's limits with every other workflow: start slower than the App.
    backoffMs: options.backoffMs ?? exponentialBackoff(2000),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  };
  const run = options.runJob ?? runJob;
  for (const job of jobs) {
    const onRetry = (error: unknown, attempt: number, delayMs: number) =>
      deps.log.warn({ err: error, job: describeJob(job), attempt, delayMs }, 'job failed, retrying');
    const result = await runWithRetries((attempt) => run(deps, job, { final: attempt.final }), { ...retry, onRetry });
    if (!result.ok) {
      deps.log.debug({ err: result.error, job: describeJob(job), attempt: result.attempt }, 'job failed');
      return { error: result.error };
    }
  }
  return null;
}
