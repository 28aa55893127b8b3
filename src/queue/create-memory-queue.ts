import { describeJob } from './describe-job.js';
import { exponentialBackoff } from './exponential-backoff.js';
import type { MemoryQueueOptions } from './memory-queue-options.js';
import { type Lane, placeInLane } from './place-in-lane.js';
import { runWithRetries } from './run-with-retries.js';
import { type Job, type JobQueue, pullKey } from './schema.js';

/**
 * The default queue: in this process, one lane per pull request so a PR's jobs run one at a
 * time (different PRs run side by side). A redelivered webhook is dropped; a review waiting
 * behind another is replaced by a newer push to the same PR, so only the newest head is reviewed.
 */
export function createMemoryQueue(options: MemoryQueueOptions): JobQueue {
  const lanes = new Map<string, Lane>();
  const deliveries = new Set<string>();
  const limit = options.rememberDeliveries ?? 10_000;
  const maxActive = Math.max(1, options.maxActive ?? 4);
  const retry = {
    attempts: options.attempts ?? 3,
    backoffMs: options.backoffMs ?? exponentialBackoff(1000),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  };
  let idle: Array<() => void> = [];
  const accepted = new Map<string, Promise<void>>();
  let closed = false;

  const busy = (): boolean => [...lanes.values()].some((l) => l.running !== null || l.waiting.length > 0);
  const settle = (): void => {
    if (busy()) return;
    const waiters = idle;
    idle = [];
    for (const w of waiters) w();
  };

  async function run(job: Job): Promise<void> {
    const onRetry = (error: unknown, attempt: number, delayMs: number) =>
      options.log.warn({ err: error, job: describeJob(job), attempt, delayMs }, 'job failed, retrying');
    const result = await runWithRetries((attempt) => options.process(job, attempt), { ...retry, onRetry });
    if (!result.ok) options.log.error({ err: result.error, job: describeJob(job), attempt: result.attempt }, 'job failed');
  }

  // Lanes with work but no free slot, in the order they asked: at most `maxActive` jobs run at
  // once, so a burst of reviews cannot starve the event loop that answers webhooks.
  const blocked: string[] = [];
  let active = 0;

  function pumpBlocked(): void {
    while (active < maxActive && blocked.length > 0) void pump(blocked.shift()!);
  }

  async function pump(key: string): Promise<void> {
    const lane = lanes.get(key);
    if (!lane || lane.running) return;
    if (lane.waiting.length === 0) {
      lanes.delete(key);
      settle();
      return;
    }
    if (active >= maxActive) {
      if (!blocked.includes(key)) blocked.push(key);
      return;
    }
    const next = lane.waiting.shift()!;
    lane.running = next;
    active++;
    await accepted.get(next.deliveryId);
    accepted.delete(next.deliveryId);
    await run(next);
    lane.running = null;
    active--;
    if (lane.waiting.length > 0) blocked.push(key);
    else lanes.delete(key);
    pumpBlocked();
    settle();
  }

  return {
    async enqueue(job) {
      if (closed) throw new Error('queue is closed');
      if (deliveries.has(job.deliveryId)) return 'duplicate';
      deliveries.add(job.deliveryId);
      if (deliveries.size > limit) deliveries.delete(deliveries.values().next().value as string);

      const key = pullKey(job);
      const lane = lanes.get(key) ?? { running: null, waiting: [] };
      lanes.set(key, lane);
      const placed = placeInLane(lane, job);
      if (placed.outcome === 'duplicate') return 'duplicate';
      if (placed.replaced) accepted.delete(placed.replaced.deliveryId);
      if (placed.announce && options.onAccepted) {
        accepted.set(
          job.deliveryId,
          options.onAccepted(job).catch((error: unknown) => options.log.warn({ err: error, job: describeJob(job) }, 'could not announce the job')),
        );
      }
      void pump(key);
      return placed.outcome;
    },
    drain() {
      return busy() ? new Promise<void>((resolve) => idle.push(resolve)) : Promise.resolve();
    },
    async close() {
      closed = true;
      await this.drain();
    },
  };
}
