import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { Engine } from '../engines/types.js';
import type { HttpHandler } from '../metrics/endpoints.js';
import type { Job, JobProcessor, JobQueue } from '../queue/schema.js';

export interface AppOptions {
  env?: NodeJS.ProcessEnv;
  /** Replace the default queue (the Redis adapter, or a test's). */
  createQueue?: (process: JobProcessor, log: Logger, announce: (job: Job) => Promise<void>) => JobQueue;
  createEngines?: (config: Config) => Promise<Engine[]>;
  dryRun?: boolean;
  now?: () => Date;
  /** Receives the queue once created (tests wait on `drain()`). */
  onQueue?: (queue: JobQueue) => void;
  /**
   * Scan for open check runs a dead process left and queue their reviews again (in-process queue
   * only; BullMQ recovers its own). Default: on, unless RFC_PANEL_RECOVER_ON_START=false.
   */
  recoverOnStart?: boolean;
  /** Receives the start-up recovery's promise (tests wait on it). */
  onRecovery?: (done: Promise<unknown>) => void;
  /** Receives the /healthz, /readyz and /metrics handler (also mounted on Probot's server when there is one). */
  onEndpoints?: (handler: HttpHandler) => void;
  /**
   * Check the network path to GitHub at start-up and when a job has waited 8 s, and log a named
   * failure (DNS, refused, timed out) at once. On for `probot run` (src/index.ts); off in tests,
   * which must not open connections.
   */
  probeGitHub?: boolean;
}
