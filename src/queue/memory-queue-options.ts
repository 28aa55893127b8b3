import type { Logger } from 'pino';
import type { Job, JobProcessor } from './schema.js';

export interface MemoryQueueOptions {
  /** `final` tells the job whether a retryable failure will be tried again (so it can say so). */
  process: JobProcessor;
  log: Logger;
  /** Attempts for a job that fails with a retryable error. */
  attempts?: number;
  backoffMs?: (attempt: number) => number;
  /** How a retry waits (tests pass one that records the delay instead of waiting). */
  sleep?: (ms: number) => Promise<void>;
  /** How many delivery ids to remember for redelivery detection. */
  rememberDeliveries?: number;
  /**
   * Runs as soon as a job is accepted, without delaying the webhook's answer (shows "queued" on the
   * commit); the job itself waits for it so the two never race.
   */
  onAccepted?: (job: Job) => Promise<void>;
  /** Jobs running at once across all pull requests (default 4). */
  maxActive?: number;
}
