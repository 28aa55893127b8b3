import { Queue } from 'bullmq';
import { createRedisConnector } from './create-redis-connector.js';
import { enqueueRedisJob } from './enqueue-redis-job.js';
import { exponentialBackoff } from './exponential-backoff.js';
import { hangUpRedis } from './hang-up-redis.js';
import { processBullJob } from './process-bull-job.js';
import { RedisLanes } from './redis-lanes.js';
import { BACKOFF_TYPE, type Payload, QUEUE_NAME, type RedisJobQueue, type RedisQueueOptions } from './redis-queue-options.js';
import { startRedisWorker } from './start-redis-worker.js';

/**
 * The queue when REDIS_URL is set: jobs live in Redis (BullMQ), so any replica may run them and a
 * replica killed mid-review loses nothing (BullMQ's stalled-job check hands the job to another
 * worker once its lock expires). Per-PR order, delivery dedupe and review coalescing are kept
 * across replicas by redis-lanes.ts; retries (retryPolicy's delays, through BullMQ's custom
 * backoff) and the failed set are BullMQ's.
 */
export function createRedisQueue(options: RedisQueueOptions): RedisJobQueue {
  const log = options.log;
  const prefix = options.prefix ?? 'rfc-panel';
  const retry = { attempts: options.attempts ?? 3, backoffMs: exponentialBackoff(options.backoffMs ?? 1000) };
  const connect = createRedisConnector(options.url, options.redisOptions, log);
  const laneOptions = { prefix, deliveryTtlSeconds: options.deliveryTtlSeconds ?? 7 * 24 * 3600, laneTtlSeconds: options.laneTtlSeconds ?? 30 * 24 * 3600 };
  // Enqueueing fails fast while Redis is down (the webhook is answered with an error, not left
  // hanging); the worker's connection waits through reconnects, as BullMQ requires.
  const producer = connect('producer', 2);
  const queue = new Queue<Payload>(QUEUE_NAME, {
    connection: producer,
    prefix,
    defaultJobOptions: {
      attempts: retry.attempts,
      backoff: { type: BACKOFF_TYPE },
      removeOnComplete: { age: options.keepCompletedSeconds ?? 3600, count: 1000 },
      removeOnFail: { age: options.keepFailedSeconds ?? 7 * 24 * 3600 },
    },
  });
  queue.on('error', (error: Error) => log.warn({ err: error }, 'queue error'));
  const announcing = new Map<string, Promise<void>>();
  const enqueuing = new Set<Promise<unknown>>();
  let closed = false;

  const workerConnection = options.worker === false ? null : connect('worker', null);
  const lanes = new RedisLanes(workerConnection ?? producer, laneOptions);
  const processor = processBullJob({
    queue,
    lanes,
    process: options.process,
    log,
    retry,
    announcing,
    blockedRetryMs: options.blockedRetryMs ?? 1000,
    orphanGraceMs: options.orphanGraceMs ?? 60_000,
  });
  const worker = workerConnection === null ? null : startRedisWorker(workerConnection, processor, options, prefix, retry);
  const enqueueContext = {
    queue,
    lanes: new RedisLanes(producer, laneOptions),
    log,
    onAccepted: options.onAccepted,
    announcing,
    announceHoldMs: options.announceHoldMs ?? 15_000,
  };
  const counts = (): Promise<Record<string, number>> =>
    queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed', 'paused', 'waiting-children');

  return {
    async enqueue(job) {
      if (closed) throw new Error('queue is closed');
      const pending = enqueueRedisJob(enqueueContext, job);
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
        if (
          enqueuing.size === 0 &&
          announcing.size === 0 &&
          (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0) + (c.active ?? 0) + (c.paused ?? 0) + (c['waiting-children'] ?? 0) === 0
        )
          return;
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
      if (workerConnection) await hangUpRedis(workerConnection);
      await queue.close();
      await hangUpRedis(producer);
    },
  };
}
