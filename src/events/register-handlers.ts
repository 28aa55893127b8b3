import type { Probot } from 'probot';
import type { Logger } from 'pino';
import type { Job, JobQueue } from '../queue/schema.js';
import { HANDLED_EVENTS, jobsForEvent } from './jobs-for-event.js';

export { REVIEW_COMMAND } from './jobs-for-event.js';

/**
 * Webhooks in, jobs out: each delivery is checked against its guards (jobs-for-event.ts, shared
 * with the GitHub Action entry), its jobs are enqueued as plain data and the handler returns, so
 * GitHub gets its answer in milliseconds whatever the review costs.
 */
export function registerHandlers(app: Probot, queue: JobQueue, log: Logger): void {
  const enqueue = async (job: Job): Promise<void> => {
    const outcome = await queue.enqueue(job);
    log.info({ kind: job.kind, delivery: job.deliveryId, pull: `${job.owner}/${job.repo}#${job.pullNumber}`, outcome }, 'webhook accepted');
  };

  app.on([...HANDLED_EVENTS], async (context) => {
    const { jobs, skipped } = jobsForEvent({ id: context.id, name: context.name, payload: context.payload });
    if (skipped) log[skipped.level]({ delivery: context.id, event: context.name }, skipped.reason);
    for (const job of jobs) await enqueue(job);
  });
}
