import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { budgetLimitsFromEnv, createMemoryBudgetStore, createRedisBudgetStore, createReviewBudget } from '../budget/create-review-budget.js';
import type { ReviewBudget } from '../jobs/job-deps.js';
import { createMetrics } from '../metrics/create-metrics.js';
import type { AppMetrics } from '../metrics/app-metrics.js';
import { createEndpoints, type HttpHandler, type Readiness } from '../metrics/endpoints.js';
import { createJobTracker } from '../metrics/instrument.js';
import { createMemoryQueue } from '../queue/create-memory-queue.js';
import { createRedisQueue } from '../queue/create-redis-queue.js';
import type { Job, JobProcessor, JobQueue } from '../queue/schema.js';

/**
 * What running the app in production needs beside the review pipeline: the queue choice (Redis when
 * REDIS_URL is set), budgets, metrics and the /healthz, /readyz and /metrics endpoints.
 */
export interface Operations {
  metrics: AppMetrics;
  budget: ReviewBudget | undefined;
  endpoints: HttpHandler;
  /** Counts a job processor's attempts. */
  instrumentProcessor(process: JobProcessor): JobProcessor;
  /** The default queue: BullMQ on REDIS_URL, else in process. */
  createQueue(process: JobProcessor, log: Logger, announce: (job: Job) => Promise<void>): JobQueue;
  /** Counts enqueue outcomes; closing it also closes what Operations opened. */
  wrapQueue(queue: JobQueue): JobQueue;
}

export function createOperations(env: NodeJS.ProcessEnv, log: Logger): Operations {
  const metrics = createMetrics({ defaultMetrics: env.RFC_PANEL_PROCESS_METRICS !== 'false' });
  const redisUrl = env.REDIS_URL?.trim() || null;
  const prefix = env.RFC_PANEL_REDIS_PREFIX?.trim() || 'rfc-panel';
  // One small client for budgets and readiness; the queue opens its own (BullMQ blocks on them).
  const redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000, disconnectTimeout: 500 }) : null;
  let redisDown = false;
  redis?.on('error', (error: Error) => {
    if (!redisDown) log.warn({ err: error }, 'redis unreachable');
    redisDown = true;
  });
  redis?.on('ready', () => (redisDown = false));

  const limits = budgetLimitsFromEnv(env);
  const budget = limits ? createReviewBudget(limits, redis ? createRedisBudgetStore(redis, prefix) : createMemoryBudgetStore()) : undefined;
  const tracker = createJobTracker(metrics);
  metrics.queueCounts(tracker.localCounts);

  const readiness = async (): Promise<Readiness> => {
    if (!redis) return { ready: true, checks: {} };
    if (redis.status !== 'ready') return { ready: false, checks: { redis: redis.status } };
    let timer: NodeJS.Timeout | undefined;
    const pong = await Promise.race([redis.ping(), new Promise<null>((r) => (timer = setTimeout(() => r(null), 1000)))])
      .catch(() => null)
      .finally(() => clearTimeout(timer));
    return pong === 'PONG' ? { ready: true, checks: { redis: 'ok' } } : { ready: false, checks: { redis: 'unreachable' } };
  };

  return {
    metrics,
    budget,
    endpoints: createEndpoints({ registry: metrics.registry, readiness }),
    instrumentProcessor: tracker.processor,
    createQueue(process, queueLog, announce) {
      if (!redisUrl) return createMemoryQueue({ process, log: queueLog, onAccepted: announce, maxActive: Number(env.RFC_PANEL_CONCURRENCY) || 4 });
      const concurrency = Number(env.RFC_PANEL_CONCURRENCY ?? '') || undefined;
      const queue = createRedisQueue({ url: redisUrl, prefix, process, log: queueLog, onAccepted: announce, concurrency });
      metrics.queueCounts(() => queue.counts());
      tracker.state.trackWaiting = false;
      queueLog.info({ prefix, concurrency: concurrency ?? 4 }, 'jobs queue in Redis');
      return queue;
    },
    wrapQueue(queue) {
      return tracker.queue(queue, async () => {
        if (redis?.status === 'ready') await redis.quit().catch(() => redis.disconnect());
        else redis?.disconnect();
      });
    },
  };
}
