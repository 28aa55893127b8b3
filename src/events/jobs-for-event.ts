import { CHECK_NAME, FULL_REREVIEW_ACTION, REREVIEW_ACTION } from '../publish/ensure-check-run.js';
import type { Job } from '../queue/schema.js';
import { CheckRunEventSchema, IssueCommentEventSchema, PullRequestEventSchema, ReviewCommentEventSchema } from './schema.js';

export const REVIEW_COMMAND = /^\s*\/rfc-panel\s+review\b/im;
/** `/rfc-panel review --full`: review every document whole, bypassing the section cache. */
export const FULL_REVIEW_COMMAND = /^\s*\/rfc-panel\s+review\b[^\n]*\s--full\b/im;
export const RESPONSE_COMMENT = /findings?\s+addressed|^#+\s*response|addressed:/im;

/** Every `event.action` that can produce a job; the App subscribes to exactly these. */
export const HANDLED_EVENTS = [
  'pull_request.opened',
  'pull_request.reopened',
  'pull_request.ready_for_review',
  'pull_request.synchronize',
  'check_run.rerequested',
  'check_run.requested_action',
  'issue_comment.created',
  'pull_request_review_comment.created',
] as const;
export type HandledEvent = (typeof HANDLED_EVENTS)[number];

export interface EventDelivery {
  /** The delivery id (`X-GitHub-Delivery`), or the workflow run's id in Action mode. */
  id: string;
  /** The event name without the action: `pull_request`, `issue_comment`, … */
  name: string;
  payload: unknown;
}

export interface MapOptions {
  /**
   * Used when the payload carries no `installation` (a workflow's event file never does). Without
   * it such a payload is ignored, as an App delivery without an installation cannot be answered.
   */
  installationId?: number;
}

export interface Skip {
  level: 'debug' | 'info' | 'warn';
  reason: string;
}

export interface MappedEvent {
  jobs: Job[];
  /** Why nothing (or not everything) was queued; null when the event produced its jobs. */
  skipped: Skip | null;
}

const none = (level: Skip['level'], reason: string): MappedEvent => ({ jobs: [], skipped: { level, reason } });

/**
 * Webhook payload → jobs, with every guard the App applies (bots, closed PRs, foreign check runs,
 * comments that are neither a command nor a response). Shared by the App's handlers and the
 * GitHub Action entry, so both review the same events the same way.
 */
export function jobsForEvent(event: EventDelivery, options: MapOptions = {}): MappedEvent {
  const payload = withInstallation(event.payload, options.installationId);
  const action = isRecord(payload) && typeof payload.action === 'string' ? payload.action : null;
  const full = action ? `${event.name}.${action}` : event.name;
  if (!(HANDLED_EVENTS as readonly string[]).includes(full)) return none('debug', `ignored: ${full} is not an event rfc-panel acts on`);

  switch (event.name) {
    case 'pull_request': {
      const parsed = PullRequestEventSchema.safeParse(payload);
      if (!parsed.success) return none('warn', 'ignored: payload lacks the fields a review needs');
      const { pull_request: pr, repository, installation } = parsed.data;
      if (pr.state !== 'open') return none('debug', 'ignored: pull request is not open');
      if (pr.user.type === 'Bot') return none('info', `ignored: pull request opened by a bot (${pr.user.login})`);
      return {
        jobs: [{
          kind: 'review', deliveryId: event.id, installationId: installation.id, owner: repository.owner.login, repo: repository.name,
          pullNumber: pr.number, headSha: pr.head.sha, trigger: parsed.data.action as 'opened', force: false, requestedBy: null,
        }],
        skipped: null,
      };
    }
    case 'check_run': {
      const parsed = CheckRunEventSchema.safeParse(payload);
      if (!parsed.success) return none('debug', 'ignored: check_run payload lacks the fields a review needs');
      const { check_run: run, repository, installation, action: what, sender, requested_action: requested } = parsed.data;
      if (run.name !== CHECK_NAME) return none('debug', `ignored: check run "${run.name}" is not rfc-panel's`);
      const choices: string[] = [REREVIEW_ACTION.identifier, FULL_REREVIEW_ACTION.identifier];
      if (what === 'requested_action' && !choices.includes(requested?.identifier ?? '')) return none('debug', 'ignored: unknown requested action');
      const full = what === 'requested_action' && requested?.identifier === FULL_REREVIEW_ACTION.identifier;
      const jobs: Job[] = run.pull_requests.map((pr) => ({
        kind: 'review', deliveryId: `${event.id}:${pr.number}`, installationId: installation.id, owner: repository.owner.login, repo: repository.name,
        pullNumber: pr.number, headSha: run.head_sha, trigger: what === 'rerequested' ? 'rerequested' : 'requested_action', force: true, requestedBy: sender.login,
        ...(full ? { full: true } : {}),
      }));
      return { jobs, skipped: jobs.length === 0 ? { level: 'info', reason: 'ignored: the check run belongs to no open pull request' } : null };
    }
    case 'issue_comment': {
      const parsed = IssueCommentEventSchema.safeParse(payload);
      if (!parsed.success) return none('debug', 'ignored: issue_comment payload lacks the fields a job needs');
      const { issue, comment, repository, installation } = parsed.data;
      if (!issue.pull_request) return none('debug', 'ignored: comment on an issue, not a pull request');
      if (issue.state !== 'open') return none('debug', 'ignored: pull request is not open');
      if (comment.user.type === 'Bot') return none('debug', 'ignored: comment written by a bot');
      const base = { deliveryId: event.id, installationId: installation.id, owner: repository.owner.login, repo: repository.name, pullNumber: issue.number };
      if (REVIEW_COMMAND.test(comment.body)) {
        const full = FULL_REVIEW_COMMAND.test(comment.body);
        return { jobs: [{ ...base, kind: 'review', headSha: null, trigger: 'command', force: true, requestedBy: comment.user.login, ...(full ? { full: true } : {}) }], skipped: null };
      }
      if (RESPONSE_COMMENT.test(comment.body)) {
        return { jobs: [{ ...base, kind: 'response', commentId: comment.id, author: comment.user.login, body: comment.body }], skipped: null };
      }
      return none('debug', 'ignored: comment is neither a command nor a response to findings');
    }
    case 'pull_request_review_comment': {
      const parsed = ReviewCommentEventSchema.safeParse(payload);
      if (!parsed.success) return none('debug', 'ignored: review comment payload lacks the fields a job needs');
      const { comment, pull_request: pr, repository, installation } = parsed.data;
      // Only answers in a thread are candidates; the bot never answers itself.
      if (comment.in_reply_to_id === undefined) return none('debug', 'ignored: not a reply in a thread');
      if (comment.user.type === 'Bot') return none('debug', 'ignored: reply written by a bot');
      if (pr.state !== 'open') return none('debug', 'ignored: pull request is not open');
      return {
        jobs: [{
          kind: 'reply', deliveryId: event.id, installationId: installation.id, owner: repository.owner.login, repo: repository.name,
          pullNumber: pr.number, commentId: comment.id, inReplyTo: comment.in_reply_to_id, author: comment.user.login, body: comment.body,
        }],
        skipped: null,
      };
    }
    default:
      return none('debug', `ignored: ${full} is not an event rfc-panel acts on`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withInstallation(payload: unknown, installationId: number | undefined): unknown {
  if (installationId === undefined || !isRecord(payload) || isRecord(payload.installation)) return payload;
  return { ...payload, installation: { id: installationId } };
}
