import { ExternalServiceError } from '../errors/errors.js';
import { exponentialBackoff } from './exponential-backoff.js';

export interface RetryDecision {
  retry: boolean;
  /** How long to wait before the next attempt (0 when there is none). */
  delayMs: number;
}

export interface RetryPolicyOptions {
  /** Attempts in all, the first included (default 3). */
  attempts?: number;
  /** Wait after a failed attempt `n` when the service named none (default: 1 s doubling, at most 30 s). */
  backoffMs?: (attempt: number) => number;
}

export const DEFAULT_ATTEMPTS = 3;
/** The longest Retry-After honoured: a service asking for more is waited on for this long, then tried. */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

/**
 * The one retry rule of the in-process queue, the Redis queue and the Action: only an
 * ExternalServiceError marked retryable is tried again, at most `attempts` times in all. The wait
 * is the backoff, or longer when the service said how long (Retry-After): GitHub's secondary rate
 * limits answer a retry that comes sooner with another 403.
 */
export function retryPolicy(error: unknown, attempt: number, options: RetryPolicyOptions = {}): RetryDecision {
  const retryable = error instanceof ExternalServiceError && error.retryable;
  if (!retryable || attempt >= (options.attempts ?? DEFAULT_ATTEMPTS)) return { retry: false, delayMs: 0 };
  const backoff = (options.backoffMs ?? exponentialBackoff(1000))(attempt);
  return { retry: true, delayMs: Math.max(backoff, Math.min(error.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS)) };
}
