import type { Logger } from 'pino';
import { exponentialBackoff, retryPolicy } from './retry-policy.js';
import { type EnqueueOutcome, type Job, type JobProcessor, type JobQueue, pullKey } from './schema.js';

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

interface Lane {
  running: Job | null;
  waiting: Job[];
}

/**
 * The default queue: in this process, one lane per pull request so a PR's jobs run one at a
 * time (different PRs run side by side). A redelivered webhook is dropped; a review waiting
 * behind another is replaced by a newer push to the same PR, so only the newest head is reviewed.
 */
export function createMemoryQueue(options: MemoryQueueOptions): JobQueue {
  const lanes = new Map<string, Lane>();
  const deliveries = new Set<string>();
  const limit = options.rememberDeliveries ?? 10_000;
  const attempts = options.attempts ?? 3;
  const maxActive = Math.max(1, options.maxActive ?? 4);
  const retry = { attempts, backoffMs: options.backoffMs ?? exponentialBackoff(1000) };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
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

  async function runWithRetry(job: Job): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await options.process(job, { number: attempt, final: attempt >= attempts });
        return;
      } catch (error) {
        const decision = retryPolicy(error, attempt, retry);
        if (!decision.retry) {
          options.log.error({ err: error, job: describe(job), attempt }, 'job failed');
          return;
        }
        options.log.warn({ err: error, job: describe(job), attempt, delayMs: decision.delayMs }, 'job failed, retrying');
        await sleep(decision.delayMs);
      }
    }
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
    await runWithRetry(next);
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
      let outcome: EnqueueOutcome = 'queued';
      const announce = (): void => {
        if (!options.onAccepted) return;
        accepted.set(job.deliveryId, options.onAccepted(job).catch((error: unknown) => options.log.warn({ err: error, job: describe(job) }, 'could not announce the job')));
      };
      if (job.kind === 'review') {
        const r = lane.running;
        if (r?.kind === 'review' && r.headSha === job.headSha && !job.force) return 'duplicate';
        const waitingReview = lane.waiting.findIndex((w) => w.kind === 'review');
        if (waitingReview >= 0) {
          const w = lane.waiting[waitingReview]!;
          if (w.kind === 'review' && w.headSha === job.headSha && !job.force) return 'duplicate';
          if (w.kind === 'review' && job.trigger === 'command' && w.trigger !== 'command') {
            // A command never takes a push's place: the push's review (and its announced check run)
            // stays, and reviews the head as the command asked.
            lane.waiting.splice(waitingReview, 1, { ...w, force: true });
            return 'coalesced';
          }
          lane.waiting.splice(waitingReview, 1, job);
          accepted.delete(w.deliveryId);
          outcome = 'coalesced';
        } else lane.waiting.push(job);
        announce();
      } else lane.waiting.push(job);
      void pump(key);
      return outcome;
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

export function describe(job: Job): Record<string, unknown> {
  return { kind: job.kind, pull: pullKey(job), delivery: job.deliveryId, ...(job.kind === 'review' ? { head: job.headSha?.slice(0, 7) ?? 'current', trigger: job.trigger } : {}) };
}
