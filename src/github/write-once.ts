import type { ExternalServiceError } from '../errors/errors.js';
import { callGitHub, toGitHubError } from './call-github.js';

/** Per-request option that turns Octokit's retry plugin off for one call. */
export const NO_RETRY = { request: { retries: 0 } } as const;

/**
 * A write GitHub may have made even though the app never heard back: a 5xx or a timeout after the
 * request was sent. A validation error, a permission error or a rate limit (the throttling plugin
 * retries those, and GitHub did nothing) is not ambiguous.
 */
export function isAmbiguous(error: ExternalServiceError): boolean {
  return error.status === null || error.status >= 500;
}

/**
 * A non-idempotent write (a review, a comment, a reply, a check run) done at most once. Octokit's
 * retry plugin would resend it blindly after a 502 — and GitHub often did create it — so the write
 * goes out with retries off (`NO_RETRY`); after an ambiguous failure the write is looked for by its
 * marker, and only its absence is an error (the job is retried, and looks again before writing).
 */
export async function writeOnce<T>(what: string, write: (noRetry: typeof NO_RETRY) => Promise<T>, find: () => Promise<T | null>): Promise<T> {
  try {
    return await write(NO_RETRY);
  } catch (error) {
    const failure = toGitHubError(what, error);
    if (!isAmbiguous(failure)) throw failure;
    const found = await callGitHub(`looking for what ${what} wrote`, find).catch(() => null);
    if (found !== null) return found;
    throw failure;
  }
}
