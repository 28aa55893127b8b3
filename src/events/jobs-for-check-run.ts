import { CHECK_NAME, FULL_REREVIEW_ACTION, REREVIEW_ACTION } from '../publish/check-run.js';
import type { Job } from '../queue/schema.js';
import { type EventDelivery, type MappedEvent, skip } from './mapped-event.js';
import { CheckRunEventSchema } from './schema.js';

/** Re-run, or a Re-review / Full re-review button, on rfc-panel's own check run: a forced review of each of its pull requests. */
export function jobsForCheckRun(event: EventDelivery, payload: unknown): MappedEvent {
  const parsed = CheckRunEventSchema.safeParse(payload);
  if (!parsed.success) return skip('debug', 'ignored: check_run payload lacks the fields a review needs');
  const { check_run: run, repository, installation, action: what, sender, requested_action: requested } = parsed.data;
  if (run.name !== CHECK_NAME) return skip('debug', `ignored: check run "${run.name}" is not rfc-panel's`);
  const choices: string[] = [REREVIEW_ACTION.identifier, FULL_REREVIEW_ACTION.identifier];
  if (what === 'requested_action' && !choices.includes(requested?.identifier ?? '')) return skip('debug', 'ignored: unknown requested action');
  const full = what === 'requested_action' && requested?.identifier === FULL_REREVIEW_ACTION.identifier;
  const jobs: Job[] = run.pull_requests.map((pr) => ({
    kind: 'review',
    deliveryId: `${event.id}:${pr.number}`,
    installationId: installation.id,
    owner: repository.owner.login,
    repo: repository.name,
    pullNumber: pr.number,
    headSha: run.head_sha,
    trigger: what === 'rerequested' ? 'rerequested' : 'requested_action',
    force: true,
    requestedBy: sender.login,
    ...(full ? { full: true } : {}),
  }));
  return { jobs, skipped: jobs.length === 0 ? { level: 'info', reason: 'ignored: the check run belongs to no open pull request' } : null };
}
