import { jobsForCheckRun } from './jobs-for-check-run.js';
import { jobsForIssueComment } from './jobs-for-issue-comment.js';
import { jobsForPullRequest } from './jobs-for-pull-request.js';
import { jobsForReviewComment } from './jobs-for-review-comment.js';
import { type EventDelivery, type MapOptions, type MappedEvent, skip } from './mapped-event.js';

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

/**
 * Webhook payload → jobs, with every guard the App applies (bots, closed PRs, foreign check runs,
 * comments that are neither a command nor a response). Shared by the App's handlers and the
 * GitHub Action entry, so both review the same events the same way.
 */
export function jobsForEvent(event: EventDelivery, options: MapOptions = {}): MappedEvent {
  const payload = withInstallation(event.payload, options.installationId);
  const action = isRecord(payload) && typeof payload.action === 'string' ? payload.action : null;
  const full = action ? `${event.name}.${action}` : event.name;
  if (!(HANDLED_EVENTS as readonly string[]).includes(full)) return skip('debug', `ignored: ${full} is not an event rfc-panel acts on`);

  switch (event.name) {
    case 'pull_request':
      return jobsForPullRequest(event, payload);
    case 'check_run':
      return jobsForCheckRun(event, payload);
    case 'issue_comment':
      return jobsForIssueComment(event, payload);
    case 'pull_request_review_comment':
      return jobsForReviewComment(event, payload);
    default:
      return skip('debug', `ignored: ${full} is not an event rfc-panel acts on`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withInstallation(payload: unknown, installationId: number | undefined): unknown {
  if (installationId === undefined || !isRecord(payload) || isRecord(payload.installation)) return payload;
  return { ...payload, installation: { id: installationId } };
}
