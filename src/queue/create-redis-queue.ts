import { DelayedError, Queue, UnrecoverableError, Worker, type Job as BullJob } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { maskSecrets } from '../logging/redaction.js';
import { describe } from './create-memory-queue.js';
import { RedisLanes } from './redis-lanes.js';
import { exponentialBackoff, retryPolicy } from './retry-policy.js';
import { type EnqueueOutcome, type Job, type JobProcessor, type JobQueue, JobSchema, pullKey } from './schema.js';

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

interface Payload {
  job: Job;
  ticket: number;
}

const QUEUE_NAME = 'jobs';
/** BullMQ's backoff type for our jobs: the worker's `backoffStrategy` applies retryPolicy's delay. */
const BACKOFF_TYPE = 'rfc-panel';

/** A failed attempt to be tried again after `delayMs` (Retry-After included), as retryPolicy decided. */
class RetryLater extends Error {
  override readonly name = 'RetryLater';
  constructor(message: string, readonly delayMs: number) {
    super(message);
  }
}

/**
 * The queue when REDIS_URL is set: jobs live in Redis (BullMQ), so any replica may run them and a
 * replica killed mid-review loses nothing (BullMQ's stalled-job check hands the job to another
 * worker once its lock expires). Per-PR order, delivery dedupe and review coalescing are kept
 * across replicas by redis-lanes.ts; retries with exponential backoff and the failed set are
 * BullMQ's.
 */
export function createRedisQueue(options: RedisQueueOptions): RedisJobQueue {
  const log = options.log;
  const prefix = options.prefix ?? 'rfc-panel';
  const attempts = options.attempts ?? 3;
  const blockedRetryMs = options.blockedRetryMs ?? 1000;
  const announceHoldMs = options.announceHoldMs ?? 15_000;
  const orphanGraceMs = options.orphanGraceMs ?? 60_000;
  const retry = { attempts, backoffMs: exponentialBackoff(options.backoffMs ?? 1000) };
  let down = false;
  const connect = (role: string, maxRetriesPerRequest: number | null): Redis => {
    // disconnectTimeout: ioredis otherwise keeps a never-connected socket's 2 s timer after close.
    const redis = new Redis(options.url, { maxRetriesPerRequest, disconnectTimeout: 500, ...options.redisOptions });
    redis.on('error', (error: Error) => {
      if (!down) log.warn({ err: error, role }, 'redis connection error');
      down = true;
    });
    redis.on('ready', () => (down = false));
    return redis;
  };
  const laneOptions = { prefix, deliveryTtlSeconds: options.deliveryTtlSeconds ?? 7 * 24 * 3600, laneTtlSeconds: options.laneTtlSeconds ?? 30 * 24 * 3600 };
  // Enqueueing fails fast while Redis is down (the webhook is answered with an error, not left
  // hanging); the worker's connection waits through reconnects, as BullMQ requires.
  const producer = connect('producer', 2);
  const producerLanes = new RedisLanes(producer, laneOptions);
  const queue = new Queue<Payload>(QUEUE_NAME, {
    connection: producer,
    prefix,
    defaultJobOptions: {
      attempts,
      backoff: { type: BACKOFF_TYPE },
      removeOnComplete: { age: options.keepCompletedSeconds ?? 3600, count: 1000 },
      removeOnFail: { age: options.keepFailedSeconds ?? 7 * 24 * 3600 },
    },
  });
  queue.on('error', (error: Error) => log.warn({ err: error }, 'queue error'));

  /** Announcements still running on this replica, by BullMQ job id. */
  const announcing = new Map<string, Promise<void>>();
  const enqueuing = new Set<Promise<unknown>>();
  let closed = false;

  /** The PR's lowest ticket belongs to a job that will never release it: drop the ticket. */
  async function clearStaleHead(pull: string, headId: string): Promise<boolean> {
    const head = await queue.getJob(headId);
    if (head) {
      const state = await head.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
    } else {
      const at = await lanes.takenAt(pull, headId);
      if (at !== null && Date.now() - at < orphanGraceMs) return false;
    }
    log.warn({ pull, job: headId }, 'dropped a stale ticket from the PR lane');
    await lanes.release(pull, headId);
    return true;
  }

  async function processBullJob(bullJob: BullJob<Payload>, token?: string): Promise<string> {
    const id = bullJob.id!;
    const parsed = JobSchema.safeParse(bullJob.data.job);
    if (!parsed.success) throw new UnrecoverableError('the job data in Redis is not a job this version understands');
    const job = parsed.data;
    const pull = pullKey(job);
    await announcing.get(id);

    let claim = await lanes.claim(pull, id);
    for (let i = 0; claim.state === 'blocked' && claim.head && i < 3 && (await clearStaleHead(pull, claim.head)); i++) {
      claim = await lanes.claim(pull, id);
    }
    if (claim.state === 'blocked') {
      // Another job of this PR holds a lower ticket: wait in BullMQ's delayed set (not an attempt).
      await bullJob.moveToDelayed(Date.now() + blockedRetryMs, token);
      throw new DelayedError();
    }
    if (job.kind === 'review' && claim.latestReviewTicket > claim.ticket) {
      // A newer review of this PR was queued while this one waited: only the newest is reviewed.
      log.info({ job: describe(job) }, 'skipped: superseded by a newer review of this pull request');
      await lanes.release(pull, id);
      return 'superseded';
    }

    const number = bullJob.attemptsMade + 1;
    const final = number >= attempts;
    try {
      await options.process(job, { number, final });
    } catch (error) {
      const decision = retryPolicy(error, number, retry);
      const message = maskSecrets(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      if (decision.retry) {
        log.warn({ err: error, job: describe(job), attempt: number, delayMs: decision.delayMs }, 'job failed, retrying');
        // The ticket is kept: the PR's later jobs wait for the retry, as in the in-process queue.
        throw new RetryLater(message, decision.delayMs);
      }
      await lanes.release(pull, id);
      throw new UnrecoverableError(message);
    }
    await lanes.release(pull, id);
    return 'done';
  }

  const workerConnection = options.worker === false ? null : connect('worker', null);
  const lanes = new RedisLanes(workerConnection ?? producer, laneOptions);
  const worker = workerConnection === null
    ? null
    : new Worker<Payload, string>(QUEUE_NAME, processBullJob, {
      connection: workerConnection,
      prefix,
      concurrency: options.concurrency ?? 4,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      maxStalledCount: options.maxStalledCount ?? 2,
      // Our failures carry retryPolicy's delay; anything else that fails an attempt (Redis) backs off.
      settings: { backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) => (err instanceof RetryLater ? err.delayMs : retry.backoffMs(attemptsMade)) },
    });
  worker?.on('error', (error: Error) => log.warn({ err: error }, 'worker error'));
  worker?.on('failed', (bullJob, error) => {
    if (!bullJob) return log.error({ err: error }, 'job failed');
    // Retries were logged by the processor; this is the end of the job (kept in the failed set).
    if (error instanceof UnrecoverableError || bullJob.attemptsMade >= attempts || /stalled/i.test(error.message)) {
      const parsed = JobSchema.safeParse(bullJob.data.job);
      log.error({ err: error, job: parsed.success ? describe(parsed.data) : { id: bullJob.id }, attempts: bullJob.attemptsMade }, 'job failed');
    }
  });

  async function enqueue(job: Job): Promise<EnqueueOutcome> {
    if (closed) throw new Error('queue is closed');
    const pull = pullKey(job);
    // BullMQ ids may not contain ':' and may not be integers; delivery ids are UUIDs (check runs add ":<pr>").
    const jobId = `d-${encodeURIComponent(job.deliveryId)}`;
    const review = job.kind === 'review';
    const { outcome, ticket } = await producerLanes.accept({ deliveryId: job.deliveryId, pull, jobId, review, headSha: review ? job.headSha ?? '' : '', force: review && job.force });
    if (outcome === 'duplicate') return outcome;
    const announce = review && options.onAccepted ? options.onAccepted : null;
    try {
      // A review waits (delayed) for its announcement; if this replica dies first, the hold expires.
      await queue.add(job.kind, { job, ticket }, { jobId, ...(announce ? { delay: announceHoldMs } : {}) });
    } catch (error) {
      await producerLanes.undoAccept(pull, job.deliveryId, jobId).catch(() => undefined);
      throw error;
    }
    if (announce) {
      const settled = announce(job)
        .catch((error: unknown) => log.warn({ err: error, job: describe(job) }, 'could not announce the job'))
        .then(async () => {
          const added = await queue.getJob(jobId);
          if (added && (await added.isDelayed())) await added.promote();
        })
        .catch((error: unknown) => log.debug({ err: error, job: describe(job) }, 'could not promote the announced job'))
        .finally(() => announcing.delete(jobId));
      announcing.set(jobId, settled);
    }
    return outcome;
  }

  async function counts(): Promise<Record<string, number>> {
    return queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed', 'paused', 'waiting-children');
  }

  return {
    async enqueue(job) {
      const pending = enqueue(job);
      enqueuing.add(pending);
      try {
        return await pending;
      } finally {
        enqueuing.delete(pending);
      }
    },
    counts,
    /** Resolves when no replica has anything waiting, delayed or running (polls Redis). */
    async drain() {
      for (;;) {
        await Promise.allSettled([...enqueuing, ...announcing.values()]);
        const c = await counts();
        if (enqueuing.size === 0 && announcing.size === 0 && (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0) + (c.active ?? 0) + (c.paused ?? 0) + (c['waiting-children'] ?? 0) === 0) return;
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async failed() {
      const jobs = await queue.getFailed(0, 99);
      return jobs.filter(Boolean).map((j) => ({ job: j.data.job, reason: j.failedReason, attempts: j.attemptsMade }));
    },
    /** Stops taking jobs and lets running ones finish; queued jobs stay in Redis for the other replicas. */
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...enqueuing, ...announcing.values()]);
      await worker?.close();
      if (workerConnection) await hangUp(workerConnection);
      await queue.close();
      await hangUp(producer);
    },
  };
}

/** QUIT when connected; otherwise stop reconnecting at once (a QUIT would wait for a connection). */
async function hangUp(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
  else redis.disconnect();
}
