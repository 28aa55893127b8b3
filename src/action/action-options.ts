import type { ProbotOctokit } from 'probot';
import type { Config } from '../config/schema.js';
import type { Engine } from '../engines/types.js';
import type { runJob } from '../jobs/run-job.js';
import type { Job } from '../queue/schema.js';

export interface ActionOptions {
  /** The step's environment (GITHUB_*, INPUT_*, ANTHROPIC_API_KEY, LOG_LEVEL). */
  env?: NodeJS.ProcessEnv;
  /** Where log lines and workflow commands go (stdout in a workflow). */
  write?: (line: string) => void;
  /** Replaces the Octokit class (tests pass one without throttling and retries). */
  Octokit?: typeof ProbotOctokit;
  /** Passed to Octokit as `request.fetch`. */
  fetch?: typeof fetch;
  createEngines?: (config: Config) => Promise<Engine[]>;
  now?: () => Date;
  /** Attempts for a job that fails with a retryable error, as the App's queue makes (default 3). */
  attempts?: number;
  backoffMs?: (attempt: number) => number;
  /** How a retry waits (tests pass one that records the delay instead of waiting). */
  sleep?: (ms: number) => Promise<void>;
  /** Runs one job (tests replace the pipeline to make it fail as they need). */
  runJob?: typeof runJob;
}

export interface ActionResult {
  exitCode: 0 | 1;
  jobs: Job[];
  /** Why the event produced no job, when it did not. */
  skipped: string | null;
  failures: string[];
}
