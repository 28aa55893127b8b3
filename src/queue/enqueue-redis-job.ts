import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { describeJob } from './describe-job.js';
import type { RedisLanes } from './redis-lanes.js';
import type { Payload } from './redis-queue-options.js';
import { type EnqueueOutcome, type Job, pullKey } from './schema.js';

export interface RedisEnqueueContext {
  queue: Queue<Payload>;
  /** The lanes on the producer's connection (fails fast while Redis is down). */
  lanes: RedisLanes;
  log: Logger;
  onAccepted?: (job: Job) => Promise<void>;
  /** Announcements still running on this replica, by BullMQ job id. */
  announcing: Map<string, Promise<void>>;
  announceHoldMs: number;
}

/**
 * Dedupe, coalesce and take a ticket in the PR's lane (one step for all replicas), then add the
 * BullMQ job. A review waits (delayed) for its announcement; if this replica dies first, the hold
 * expires and the job runs anyway.
 */
export async function enqueueRedisJob(ctx: RedisEnqueueContext, job: Job): Promise<EnqueueOutcome> {
  const { queue, lanes, log, announcing } = ctx;
  const pull = pullKey(job);
  // BullMQ ids may not contain ':' and may not be integers; delivery ids are UUIDs (check runs add ":<pr>").
  const jobId = `d-${encodeURIComponent(job.deliveryId)}`;
  const review = job.kind === 'review';
  const { outcome, ticket } = await lanes.accept({
    deliveryId: job.deliveryId,
    pull,
    jobId,
    review,
    headSha: review ? (job.headSha ?? '') : '',
    force: review && job.force,
  });
  if (outcome === 'duplicate') return outcome;
  const announce = review && ctx.onAccepted ? ctx.onAccepted : null;
  try {
    await queue.add(job.kind, { job, ticket }, { jobId, ...(announce ? { delay: ctx.announceHoldMs } : {}) });
  } catch (error) {
    await lanes.undoAccept(pull, job.deliveryId, jobId).catch(() => undefined);
    throw error;
  }
  if (announce) {
    const settled = announce(job)
      .catch((error: unknown) => log.warn({ err: error, job: describeJob(job) }, 'could not announce the job'))
      .then(async () => {
        const added = await queue.getJob(jobId);
        if (added && (await added.isDelayed())) await added.promote();
      })
      .catch((error: unknown) => log.debug({ err: error, job: describeJob(job) }, 'could not promote the announced job'))
      .finally(() => announcing.delete(jobId));
    announcing.set(jobId, settled);
  }
  return outcome;
}
