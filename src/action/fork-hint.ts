import { ExternalServiceError } from '../errors/errors.js';

/** A 403 on a `pull_request` from a fork is the read-only token, not a bug: say so. */
export function forkHint(eventName: string, payload: unknown, error: unknown): string {
  const status = error instanceof ExternalServiceError ? error.status : null;
  if (status !== 403 && status !== 404) return '';
  const pr = (payload as { pull_request?: { head?: { repo?: { full_name?: string } | null }; base?: { repo?: { full_name?: string } } } })?.pull_request;
  const fromFork = pr?.head?.repo?.full_name !== undefined && pr.head.repo.full_name !== pr.base?.repo?.full_name;
  if (eventName === 'pull_request' && fromFork) {
    return ' — this pull request comes from a fork, and GitHub gives `pull_request` workflows from forks a read-only token and no secrets. Use the workflow_run pattern in docs/ACTION.md.';
  }
  return " — check the workflow's `permissions:` (checks: write, pull-requests: write, issues: write, contents: read).";
}
