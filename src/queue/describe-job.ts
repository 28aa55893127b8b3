import { type Job, pullKey } from './schema.js';

/** A job as the logs name it: kind, pull request, delivery, and for a review its head and trigger. */
export function describeJob(job: Job): Record<string, unknown> {
  return {
    kind: job.kind,
    pull: pullKey(job),
    delivery: job.deliveryId,
    ...(job.kind === 'review' ? { head: job.headSha?.slice(0, 7) ?? 'current', trigger: job.trigger } : {}),
  };
}
