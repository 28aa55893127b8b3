import { DelayedError, UnrecoverableError, type Job as BullJob, type Queue } from 'bullmq';
import type { Logger } from 'pino';
import { maskSecrets } from '../logging/redaction.js';
import { describeJob } from './describe-job.js';
import type { RedisLanes } from './redis-lanes.js';
import type { Payload } from './redis-queue-options.js';
import { RetryLater } from './retry-later.js';
import { retryPolicy, type RetryPolicyOptions } from './retry-policy.js';
import { type JobProcessor, JobSchema, pullKey } from './schema.js';

export interface BullProcessorContext {
  queue: Queue<Payload>;
  lanes: RedisLanes;
  process: JobProcessor;
  log: Logger;
  retry: RetryPolicyOptions & { attempts: number };
  /** Announcements still running on this replica, by BullMQ job id. */
  announcing: Map<string, Promise<void>>;
  blockedRetryMs: number;
  orphanGraceMs: number;
}

/**
 * BullMQ's processor for our jobs: wait for the job's announcement, take the PR's lane (or wait in
 * the delayed set behind the PR's earlier jobs), skip a review a newer one superseded, run it. A
 * failure retryPolicy retries keeps the ticket (the PR's later jobs wait for the retry, as in the
 * in-process queue) and goes back to BullMQ with its delay; any other ends the job and frees the lane.
 */
export function processBullJob(ctx: BullProcessorContext): (bullJob: BullJob<Payload>, token?: string) => Promise<string> {
  const { lanes, log } = ctx;

  /** The PR's lowest ticket belongs to a job that will never release it: drop the ticket. */
  async function clearStaleHead(pull: string, headId: string): Promise<boolean> {
    const head = await ctx.queue.getJob(headId);
    if (head) {
      const state = await head.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
    } else {
      const at = await lanes.takenAt(pull, headId);
      if (at !== null && Date.now() - at < ctx.orphanGraceMs) return false;
    }
    log.warn({ pull, job: headId }, 'dropped a stale ticket from the PR lane');
    await lanes.release(pull, headId);
    return true;
  }

  return async (bullJob, token) => {
    const id = bullJob.id!;
    const parsed = JobSchema.safeParse(bullJob.data.job);
    if (!parsed.success) throw new UnrecoverableError('the job data in Redis is not a job this version understands');
    const job = parsed.data;
    const pull = pullKey(job);
    await ctx.announcing.get(id);

    let claim = await lanes.claim(pull, id);
    for (let i = 0; claim.state === 'blocked' && claim.head && i < 3 && (await clearStaleHead(pull, claim.head)); i++) {
      claim = await lanes.claim(pull, id);
    }
    if (claim.state === 'blocked') {
      // Another job of this PR holds a lower ticket: wait in BullMQ's delayed set (not an attempt).
      await bullJob.moveToDelayed(Date.now() + ctx.blockedRetryMs, token);
      throw new DelayedError();
    }
    if (job.kind === 'review' && claim.latestReviewTicket > claim.ticket) {
      // A newer review of this PR was queued while this one waited: only the newest is reviewed.
      log.info({ job: describeJob(job) }, 'skipped: superseded by a newer review of this pull request');
      await lanes.release(pull, id);
      return 'superseded';
    }

    const number = bullJob.attemptsMade + 1;
    try {
      await ctx.process(job, { number, final: number >= ctx.retry.attempts });
    } catch (error) {
      const decision = retryPolicy(error, number, ctx.retry);
      const message = maskSecrets(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      if (decision.retry) {
        log.warn({ err: error, job: describeJob(job), attempt: number, delayMs: decision.delayMs }, 'job failed, retrying');
        throw new RetryLater(message, decision.delayMs);
      }
      await lanes.release(pull, id);
      throw new UnrecoverableError(message);
    }
    await lanes.release(pull, id);
    return 'done';
  };
}
