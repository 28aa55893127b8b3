import type { Redis } from 'ioredis';
import { ACCEPT, CLAIM, RELEASE } from './redis-lane-scripts.js';

/**
 * Per-pull-request lanes in Redis, shared by every replica. BullMQ (open-source) has no job
 * groups, so ordering is kept beside it with tickets:
 *
 *   - `enqueue` takes a ticket from the PR's counter and adds the job to the PR's sorted set
 *     (score = ticket), atomically with delivery dedupe and review coalescing (one Lua script);
 *   - a worker may run a job only while it holds the lowest ticket of its PR; otherwise the job
 *     goes back to BullMQ's delayed set and tries again shortly;
 *   - the ticket is given back when the job completes or fails for good (not between retries, so
 *     a PR's later jobs wait for a retry like they do in the in-process queue).
 *
 * Why tickets and not a per-PR lock: a lock alone does not keep order (two waiting jobs race for
 * it when it is released), and a lock held by a killed replica must expire before anyone else can
 * run, whereas a ticket belongs to a BullMQ job, whose own lock and stalled-job recovery already
 * hand a killed replica's job to another worker. Why not a per-PR list and a single "pump" job:
 * re-arming the pump when the list empties races with a new push unless it is a script as well,
 * and the pump would hide individual jobs from BullMQ's retries and failed set.
 *
 * Keys (one hash and one sorted set per PR; both expire after `laneTtlSeconds` without writes):
 *   `<prefix>:lane:<pull>:q`  ZSET ticket → BullMQ job id
 *   `<prefix>:lane:<pull>:h`  HASH seq, latestSeq, latestHead, latestJob, running, at:<job id>
 *   `<prefix>:delivery:<id>` delivery dedupe (SET NX EX)
 *
 * Not for Redis Cluster: the accept script touches a delivery key and a PR's keys together.
 */

export type AcceptOutcome = 'queued' | 'coalesced' | 'duplicate';

export interface AcceptRequest {
  deliveryId: string;
  pull: string;
  jobId: string;
  review: boolean;
  /** '' when the review takes whatever head is current (a command). */
  headSha: string;
  force: boolean;
}

export type Claim = { state: 'run'; ticket: number; latestReviewTicket: number } | { state: 'blocked'; ticket: number; head: string | null };

interface LaneCommands {
  rfcPanelAccept(...args: Array<string | number>): Promise<[string, string]>;
  rfcPanelClaim(...args: Array<string | number>): Promise<[string, string, string, string]>;
  rfcPanelRelease(...args: Array<string | number>): Promise<number>;
}

export interface LaneOptions {
  prefix: string;
  deliveryTtlSeconds: number;
  laneTtlSeconds: number;
}

export class RedisLanes {
  private readonly redis: Redis & LaneCommands;

  constructor(
    redis: Redis,
    private readonly options: LaneOptions,
  ) {
    redis.defineCommand('rfcPanelAccept', { numberOfKeys: 3, lua: ACCEPT });
    redis.defineCommand('rfcPanelClaim', { numberOfKeys: 2, lua: CLAIM });
    redis.defineCommand('rfcPanelRelease', { numberOfKeys: 2, lua: RELEASE });
    this.redis = redis as Redis & LaneCommands;
  }

  private keys(pull: string): [string, string] {
    const base = `${this.options.prefix}:lane:${pull}`;
    return [`${base}:q`, `${base}:h`];
  }

  deliveryKey(deliveryId: string): string {
    return `${this.options.prefix}:delivery:${deliveryId}`;
  }

  /** Dedupe, coalesce and take a ticket, in one step for all replicas. */
  async accept(r: AcceptRequest): Promise<{ outcome: AcceptOutcome; ticket: number }> {
    const [q, h] = this.keys(r.pull);
    const [outcome, seq] = await this.redis.rfcPanelAccept(
      this.deliveryKey(r.deliveryId),
      q,
      h,
      this.options.deliveryTtlSeconds,
      r.jobId,
      r.review ? '1' : '0',
      r.headSha,
      r.force ? '1' : '0',
      Date.now(),
      this.options.laneTtlSeconds,
    );
    return { outcome: outcome as AcceptOutcome, ticket: Number(seq) };
  }

  /** May this job run now? A job whose ticket is gone (e.g. removed as stale) takes a new one at the back. */
  async claim(pull: string, jobId: string): Promise<Claim> {
    const [q, h] = this.keys(pull);
    const [state, first, mine, latest] = await this.redis.rfcPanelClaim(q, h, jobId, Date.now(), this.options.laneTtlSeconds);
    return state === 'run'
      ? { state: 'run', ticket: Number(mine), latestReviewTicket: Number(latest) }
      : { state: 'blocked', ticket: Number(mine), head: first || null };
  }

  async release(pull: string, jobId: string): Promise<void> {
    const [q, h] = this.keys(pull);
    await this.redis.rfcPanelRelease(q, h, jobId);
  }

  /** When a ticket was taken (ms), to tell a job still being added from one that never was. */
  async takenAt(pull: string, jobId: string): Promise<number | null> {
    const [, h] = this.keys(pull);
    const at = await this.redis.hget(h, `at:${jobId}`);
    return at === null ? null : Number(at);
  }

  /** Undo an accept whose BullMQ job could not be added (so a redelivery is not taken for a duplicate). */
  async undoAccept(pull: string, deliveryId: string, jobId: string): Promise<void> {
    await this.release(pull, jobId);
    await this.redis.del(this.deliveryKey(deliveryId));
  }
}
