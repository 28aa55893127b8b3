import type { Probot } from 'probot';
import type { Logger } from 'pino';
import type { Job, JobQueue } from '../queue/schema.js';
import type { Octokit } from '../github/types.js';
import { authoriseCommand } from './authorise-command.js';
import { HANDLED_EVENTS, jobsForEvent } from './jobs-for-event.js';
import { IssueCommentEventSchema } from './schema.js';

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
    const comment = IssueCommentEventSchema.safeParse(context.payload);
    const pullAuthor = comment.success ? (comment.data.issue.user?.login ?? null) : null;
    for (const job of jobs) {
      let allowed: boolean;
      try {
        allowed = await authoriseCommand(context.octokit as unknown as Octokit, job, pullAuthor);
      } catch (error) {
        // Permission unknown (GitHub failing): refuse rather than let an unchecked command displace a review.
        log.warn({ err: error, delivery: context.id }, 'could not check who asked for a review; the command was not queued');
        continue;
      }
      if (!allowed) {
        log.info(
          { delivery: context.id, requestedBy: job.kind === 'review' ? job.requestedBy : null },
          'ignored: /rfc-panel review from someone without write access',
        );
        continue;
      }
      await enqueue(job);
    }
  });
}
