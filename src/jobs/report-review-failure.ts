import type { Logger } from 'pino';
import { mapErrorToOutcome } from '../errors/map-error-to-outcome.js';
import type { PullGateway } from '../github/pull-gateway.js';

/**
 * A review that failed ends in its check run saying what happened. A retry picks the same run up
 * again (it stays open, saying it is retrying) and the error goes back to the queue; only a final
 * failure completes it.
 */
export async function reportReviewFailure(
  github: Pick<PullGateway, 'noteRetry' | 'completeCheck'>,
  checkRunId: number,
  error: unknown,
  attempt: { final: boolean },
  log: Logger,
): Promise<void> {
  const outcome = mapErrorToOutcome(error, attempt);
  log.warn({ err: error, title: outcome.title }, 'review failed');
  const report = outcome.retry
    ? github.noteRetry(checkRunId, outcome)
    : github.completeCheck(checkRunId, { conclusion: outcome.conclusion, title: outcome.title, summary: outcome.summary });
  await report.catch((e: unknown) => log.error({ err: e }, 'could not report the failure on the check run'));
  if (outcome.retry) throw error;
}
