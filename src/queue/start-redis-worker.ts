import { type Job as BullJob, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { describeJob } from './describe-job.js';
import { type Payload, QUEUE_NAME, type RedisQueueOptions } from './redis-queue-options.js';
import { RetryLater } from './retry-later.js';
import { JobSchema } from './schema.js';

/** This replica's BullMQ worker: runs `processor` under the lock and stalled-job settings, and logs a job's end. */
export function startRedisWorker(
  connection: Redis,
  processor: (bullJob: BullJob<Payload>, token?: string) => Promise<string>,
  options: RedisQueueOptions,
  prefix: string,
  retry: { attempts: number; backoffMs: (attempt: number) => number },
): Worker<Payload, string> {
  const log = options.log;
  const worker = new Worker<Payload, string>(QUEUE_NAME, processor, {
    connection,
    prefix,
    concurrency: options.concurrency ?? 4,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 2,
    // Our failures carry retryPolicy's delay; anything else that fails an attempt (Redis) backs off.
    settings: {
      backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) => (err instanceof RetryLater ? err.delayMs : retry.backoffMs(attemptsMade)),
    },
  });
  worker.on('error', (error: Error) => log.warn({ err: error }, 'worker error'));
  worker.on('failed', (bullJob, error) => {
    if (!bullJob) return log.error({ err: error }, 'job failed');
    // Retries were logged by the processor; this is the end of the job (kept in the failed set).
    if (error instanceof UnrecoverableError || bullJob.attemptsMade >= retry.attempts || /stalled/i.test(error.message)) {
      const parsed = JobSchema.safeParse(bullJob.data.job);
      log.error({ err: error, job: parsed.success ? describeJob(parsed.data) : { id: bullJob.id }, attempts: bullJob.attemptsMade }, 'job failed');
    }
  });
  return worker;
}
