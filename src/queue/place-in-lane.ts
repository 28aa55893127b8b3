import type { EnqueueOutcome, Job } from './schema.js';

export interface Lane {
  running: Job | null;
  waiting: Job[];
}

export interface Placement {
  outcome: EnqueueOutcome;
  /** A waiting review this job took the place of (its announcement is dropped). */
  replaced: Job | null;
  /** Whether to announce this job ("queued" on the commit). */
  announce: boolean;
}

/**
 * Where a new job goes in its pull request's lane (the in-process queue). A review of the head under
 * review or already waiting is a duplicate unless forced; a newer review replaces the waiting one,
 * so only the newest head is reviewed; a command never takes a push's place: the push's review
 * (and its announced check run) stays, made a forced re-review. Replies and responses queue up.
 */
export function placeInLane(lane: Lane, job: Job): Placement {
  if (job.kind !== 'review') {
    lane.waiting.push(job);
    return { outcome: 'queued', replaced: null, announce: false };
  }
  const r = lane.running;
  if (r?.kind === 'review' && r.headSha === job.headSha && !job.force) return { outcome: 'duplicate', replaced: null, announce: false };
  const waitingReview = lane.waiting.findIndex((w) => w.kind === 'review');
  if (waitingReview < 0) {
    lane.waiting.push(job);
    return { outcome: 'queued', replaced: null, announce: true };
  }
  const w = lane.waiting[waitingReview]!;
  if (w.kind === 'review' && w.headSha === job.headSha && !job.force) return { outcome: 'duplicate', replaced: null, announce: false };
  if (w.kind === 'review' && job.trigger === 'command' && w.trigger !== 'command') {
    lane.waiting.splice(waitingReview, 1, { ...w, force: true });
    return { outcome: 'coalesced', replaced: null, announce: false };
  }
  lane.waiting.splice(waitingReview, 1, job);
  return { outcome: 'coalesced', replaced: w, announce: true };
}
