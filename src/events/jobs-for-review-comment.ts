import { type EventDelivery, type MappedEvent, skip } from './mapped-event.js';
import { ReviewCommentEventSchema } from './schema.js';

/** A reply in a review thread on an open pull request: one reply job (the thread's finding decides what it means). */
export function jobsForReviewComment(event: EventDelivery, payload: unknown): MappedEvent {
  const parsed = ReviewCommentEventSchema.safeParse(payload);
  if (!parsed.success) return skip('debug', 'ignored: review comment payload lacks the fields a job needs');
  const { comment, pull_request: pr, repository, installation } = parsed.data;
  // Only answers in a thread are candidates; the bot never answers itself.
  if (comment.in_reply_to_id === undefined) return skip('debug', 'ignored: not a reply in a thread');
  if (comment.user.type === 'Bot') return skip('debug', 'ignored: reply written by a bot');
  if (pr.state !== 'open') return skip('debug', 'ignored: pull request is not open');
  return {
    jobs: [
      {
        kind: 'reply',
        deliveryId: event.id,
        installationId: installation.id,
        owner: repository.owner.login,
        repo: repository.name,
        pullNumber: pr.number,
        commentId: comment.id,
        inReplyTo: comment.in_reply_to_id,
        author: comment.user.login,
        body: comment.body,
      },
    ],
    skipped: null,
  };
}
