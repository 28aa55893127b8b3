import type { RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import type { Job, JobProcessor, JobQueue } from './schema.js';

export interface RedisQueueOptions {
  /** `redis://[:password@]host:port[/db]` or `rediss://…`. */
  url: string;
  process: JobProcessor;
  log: Logger;
  /** Same contract as the in-process queue: runs at once, the job does not start before it settles. */
  onAccepted?: (job: Job) => Promise<void>;
  /** Key prefix shared by the replicas (BullMQ's and the lanes'). */
  prefix?: string;
  /** Run a worker in this process (false: only enqueue, e.g. a webhook-only replica). */
  worker?: boolean;
  /** Jobs this replica runs at once (different PRs only: a PR's jobs never overlap). */
  concurrency?: number;
  /** Attempts for a job that fails with a retryable error. */
  attempts?: number;
  /** First retry delay, doubled on each attempt (at most 30 s), unless the service asked for longer. */
  backoffMs?: number;
  /** A running job's lock; a replica that stops renewing it (killed) loses the job after this. */
  lockDurationMs?: number;
  /** How often workers look for jobs whose replica died. */
  stalledIntervalMs?: number;
  /** Times a job may be recovered from a dead replica before it is failed. */
  maxStalledCount?: number;
  /** How soon a job waiting behind another of its PR looks again. */
  blockedRetryMs?: number;
  /** Longest a review waits for its "queued" announcement when the announcing replica dies. */
  announceHoldMs?: number;
  /** A ticket whose BullMQ job does not exist this long after it was taken is dropped. */
  orphanGraceMs?: number;
  deliveryTtlSeconds?: number;
  laneTtlSeconds?: number;
  /** Failed jobs stay in BullMQ's failed set this long (for inspection). */
  keepFailedSeconds?: number;
  keepCompletedSeconds?: number;
  redisOptions?: RedisOptions;
}

export interface RedisJobQueue extends JobQueue {
  /** BullMQ's counts for every replica: waiting, delayed, active, completed, failed. */
  counts(): Promise<Record<string, number>>;
  /** Jobs that failed for good (kept for `keepFailedSeconds`). */
  failed(): Promise<Array<{ job: Job; reason: string; attempts: number }>>;
}

/** What a BullMQ job carries: the job and its ticket in the PR's lane. */
export interface Payload {
  job: Job;
  ticket: number;
}

export const QUEUE_NAME = 'jobs';
/** BullMQ's backoff type for our jobs: the worker's `backoffStrategy` applies retryPolicy's delay. */
export const BACKOFF_TYPE = 'rfc-panel';
