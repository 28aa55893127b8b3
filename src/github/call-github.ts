import { ExternalServiceError } from '../errors/errors.js';
import { describeNetworkError } from '../errors/describe-network-error.js';

interface OctokitLikeError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined> };
}

/**
 * The GitHub boundary: every failure leaves here as an ExternalServiceError that says whether a
 * retry can help (5xx, rate limits, network) or not (validation, permissions, missing things).
 */
export async function callGitHub<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toGitHubError(what, error);
  }
}

/** Errors the request hook sorted under a generic name; the first call site that names its step renames them. */
const provisional = new WeakSet<ExternalServiceError>();

export function markProvisional(error: ExternalServiceError): ExternalServiceError {
  provisional.add(error);
  return error;
}

export function toGitHubError(what: string, error: unknown): ExternalServiceError {
  if (error instanceof ExternalServiceError) return provisional.has(error) ? toGitHubError(what, error.cause) : error;
  // Octokit reports a connection that never happened as HTTP 500; say what actually went wrong.
  const network = describeNetworkError(error);
  if (network) return new ExternalServiceError('github', `${what} failed: cannot reach GitHub — ${network}`, true, null, { cause: error, network });
  const e = error as OctokitLikeError;
  const status = typeof e.status === 'number' ? e.status : null;
  const headers = e.response?.headers ?? {};
  const rateLimited =
    status === 429 ||
    (status === 403 && (headers['retry-after'] !== undefined || headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(e.message ?? '')));
  const retryable = status === null || status >= 500 || rateLimited;
  const retryAfter = Number(headers['retry-after']);
  const resetAt = Number(headers['x-ratelimit-reset']);
  const retryAfterMs =
    Number.isFinite(retryAfter) && retryAfter >= 0
      ? retryAfter * 1000
      : rateLimited && Number.isFinite(resetAt)
        ? Math.max(0, resetAt * 1000 - Date.now())
        : null;
  return new ExternalServiceError(
    'github',
    `${what} failed${status ? ` (HTTP ${status})` : ''}: ${(e.message ?? String(error)).split('\n')[0]}`,
    retryable,
    status,
    { cause: error, retryAfterMs },
  );
}
