import { type EventDelivery, type MappedEvent, skip } from './mapped-event.js';
import { IssueCommentEventSchema } from './schema.js';

export const REVIEW_COMMAND = /^\s*\/rfc-panel\s+review\b/im;
/** `/rfc-panel review --full`: review every document whole, bypassing the section cache. */
export const FULL_REVIEW_COMMAND = /^\s*\/rfc-panel\s+review\b[^\n]*\s--full\b/im;
export const RESPONSE_COMMENT = /findings?\s+addressed|^#+\s*response|addressed:/im;

/** A comment on a pull request: `/rfc-panel review` (a forced review) or a response to the findings; anything else is ignored. */
export function jobsForIssueComment(event: EventDelivery, payload: unknown): MappedEvent {
  const parsed = IssueCommentEventSchema.safeParse(payload);
  if (!parsed.success) return skip('debug', 'ignored: issue_comment payload lacks the fields a job needs');
  const { issue, comment, repository, installation } = parsed.data;
  if (!issue.pull_request) return skip('debug', 'ignored: comment on an issue, not a pull request');
  if (issue.state !== 'open') return skip('debug', 'ignored: pull request is not open');
  if (comment.user.type === 'Bot') return skip('debug', 'ignored: comment written by a bot');
  const base = { deliveryId: event.id, installationId: installation.id, owner: repository.owner.login, repo: repository.name, pullNumber: issue.number };
  if (REVIEW_COMMAND.test(comment.body)) {
    const full = FULL_REVIEW_COMMAND.test(comment.body);
    return {
      jobs: [{ ...base, kind: 'review', headSha: null, trigger: 'command', force: true, requestedBy: comment.user.login, ...(full ? { full: true } : {}) }],
      skipped: null,
    };
  }
  if (RESPONSE_COMMENT.test(comment.body)) {
    return { jobs: [{ ...base, kind: 'response', commentId: comment.id, author: comment.user.login, body: comment.body }], skipped: null };
  }
  return skip('debug', 'ignored: comment is neither a command nor a response to findings');
}
