import { type EventDelivery, type MappedEvent, skip } from './mapped-event.js';
import { PullRequestEventSchema } from './schema.js';

/** A pull request opened, reopened, ready for review or pushed to: one review of its head. */
export function jobsForPullRequest(event: EventDelivery, payload: unknown): MappedEvent {
  const parsed = PullRequestEventSchema.safeParse(payload);
  if (!parsed.success) return skip('warn', 'ignored: payload lacks the fields a review needs');
  const { pull_request: pr, repository, installation } = parsed.data;
  if (pr.state !== 'open') return skip('debug', 'ignored: pull request is not open');
  if (pr.user.type === 'Bot') return skip('info', `ignored: pull request opened by a bot (${pr.user.login})`);
  return {
    jobs: [
      {
        kind: 'review',
        deliveryId: event.id,
        installationId: installation.id,
        owner: repository.owner.login,
        repo: repository.name,
        pullNumber: pr.number,
        headSha: pr.head.sha,
        trigger: parsed.data.action as 'opened',
        force: false,
        requestedBy: null,
      },
    ],
    skipped: null,
  };
}
