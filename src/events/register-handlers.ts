import type { Probot } from 'probot';
import type { Logger } from 'pino';
import { CHECK_NAME, REREVIEW_ACTION } from '../publish/ensure-check-run.js';
import type { Job, JobQueue } from '../queue/schema.js';
import { CheckRunEventSchema, IssueCommentEventSchema, PullRequestEventSchema, ReviewCommentEventSchema } from './schema.js';

export const REVIEW_COMMAND = /^\s*\/rfc-panel\s+review\b/im;

/**
 * Webhooks in, jobs out: each handler checks the payload and its guards, enqueues plain data and
 * returns, so GitHub gets its answer in milliseconds whatever the review costs.
 */
export function registerHandlers(app: Probot, queue: JobQueue, log: Logger): void {
  const enqueue = async (job: Job): Promise<void> => {
    const outcome = await queue.enqueue(job);
    log.info({ kind: job.kind, delivery: job.deliveryId, pull: `${job.owner}/${job.repo}#${job.pullNumber}`, outcome }, 'webhook accepted');
  };

  app.on(['pull_request.opened', 'pull_request.reopened', 'pull_request.ready_for_review', 'pull_request.synchronize'], async (context) => {
    const parsed = PullRequestEventSchema.safeParse(context.payload);
    if (!parsed.success) return log.warn({ delivery: context.id, event: context.name }, 'ignored: payload lacks the fields a review needs');
    const { pull_request: pr, repository, installation, action } = parsed.data;
    if (pr.state !== 'open') return;
    if (pr.user.type === 'Bot') return log.info({ delivery: context.id, author: pr.user.login }, 'ignored: pull request opened by a bot');
    await enqueue({
      kind: 'review', deliveryId: context.id, installationId: installation.id, owner: repository.owner.login, repo: repository.name,
      pullNumber: pr.number, headSha: pr.head.sha, trigger: action as 'opened', force: false, requestedBy: null,
    });
  });

  app.on(['check_run.rerequested', 'check_run.requested_action'], async (context) => {
    const parsed = CheckRunEventSchema.safeParse(context.payload);
    if (!parsed.success) return;
    const { check_run: run, repository, installation, action, sender, requested_action: requested } = parsed.data;
    if (run.name !== CHECK_NAME) return;
    if (action === 'requested_action' && requested?.identifier !== REREVIEW_ACTION.identifier) return;
    for (const pr of run.pull_requests) {
      await enqueue({
        kind: 'review', deliveryId: `${context.id}:${pr.number}`, installationId: installation.id, owner: repository.owner.login, repo: repository.name,
        pullNumber: pr.number, headSha: run.head_sha, trigger: action === 'rerequested' ? 'rerequested' : 'requested_action', force: true, requestedBy: sender.login,
      });
    }
  });

  app.on('issue_comment.created', async (context) => {
    const parsed = IssueCommentEventSchema.safeParse(context.payload);
    if (!parsed.success) return;
    const { issue, comment, repository, installation } = parsed.data;
    if (!issue.pull_request || issue.state !== 'open' || comment.user.type === 'Bot') return;
    const base = { deliveryId: context.id, installationId: installation.id, owner: repository.owner.login, repo: repository.name, pullNumber: issue.number };
    if (REVIEW_COMMAND.test(comment.body)) {
      await enqueue({ ...base, kind: 'review', headSha: null, trigger: 'command', force: true, requestedBy: comment.user.login });
    } else if (/findings?\s+addressed|^#+\s*response|addressed:/im.test(comment.body)) {
      await enqueue({ ...base, kind: 'response', commentId: comment.id, author: comment.user.login, body: comment.body });
    }
  });

  app.on('pull_request_review_comment.created', async (context) => {
    const parsed = ReviewCommentEventSchema.safeParse(context.payload);
    if (!parsed.success) return;
    const { comment, pull_request: pr, repository, installation } = parsed.data;
    // Only answers in a thread are candidates; the bot never answers itself.
    if (comment.in_reply_to_id === undefined || comment.user.type === 'Bot' || pr.state !== 'open') return;
    await enqueue({
      kind: 'reply', deliveryId: context.id, installationId: installation.id, owner: repository.owner.login, repo: repository.name,
      pullNumber: pr.number, commentId: comment.id, inReplyTo: comment.in_reply_to_id, author: comment.user.login, body: comment.body,
    });
  });
}
