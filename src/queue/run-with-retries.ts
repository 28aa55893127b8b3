import { DEFAULT_ATTEMPTS, retryPolicy, type RetryPolicyOptions } from './retry-policy.js';

export interface RetryLoopOptions extends RetryPolicyOptions {
  /** How a retry waits (tests pass one that records the delay instead of waiting). */
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

export type RetryLoopResult = { ok: true } | { ok: false; error: unknown; attempt: number };

/**
 * Runs one piece of work until it succeeds or retryPolicy says to stop, waiting as it says between
 * attempts (the in-process queue and the Action; BullMQ schedules its own retries). `final` tells
 * the work whether a retryable failure would still be tried again, so it can say so.
 */
export async function runWithRetries(
  work: (attempt: { number: number; final: boolean }) => Promise<void>,
  options: RetryLoopOptions = {},
): Promise<RetryLoopResult> {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      await work({ number: attempt, final: attempt >= attempts });
      return { ok: true };
    } catch (error) {
      const decision = retryPolicy(error, attempt, options);
      if (!decision.retry) return { ok: false, error, attempt };
      options.onRetry?.(error, attempt, decision.delayMs);
      await sleep(decision.delayMs);
    }
  }
}
