import type { Logger } from 'pino';
import { mapErrorToOutcome } from '../errors/map-error-to-outcome.js';
import type { PullGateway } from '../github/pull-gateway.js';

/** A failure before the check run started still ends in one — on the final attempt, on the head the event named. */
export async function failBeforeStart(
  github: Pick<PullGateway, 'startCheck' | 'completeCheck'>,
  headSha: string | null,
  error: unknown,
  attempt: { final: boolean },
  log: Logger,
): Promise<never> {
  const outcome = mapErrorToOutcome(error, attempt);
  log.warn({ err: error, title: outcome.title }, 'review failed before it started');
  if (headSha !== null && !outcome.retry) {
    try {
      const run = await github.startCheck(headSha);
      await github.completeCheck(run.id, { conclusion: outcome.conclusion, title: outcome.title, summary: outcome.summary });
    } catch (reportError) {
      log.error({ err: reportError }, 'could not report the failure on the check run');
    }
  }
  // The job did fail: the queue retries it or records it as failed (after the check run says why).
  throw error;
}
