import { maskSecrets } from '../logging/redaction.js';
import { BudgetError, ExternalServiceError, InputError, ValidationError } from './errors.js';

export interface Outcome {
  conclusion: 'failure' | 'neutral';
  title: string;
  summary: string;
  /** Whether the queue should try the job again. */
  retry: boolean;
}

/** The one place an error becomes what a user sees (the check run) and whether the job is retried. */
export function mapErrorToOutcome(error: unknown, attempt: { final: boolean }): Outcome {
  if (error instanceof ValidationError) {
    return {
      conclusion: 'failure',
      title: `Invalid ${error.where}`,
      summary: [
        `rfc-panel did not review this revision because \`${error.where}\` is invalid:`,
        '',
        ...error.problems.map((p) => `- \`${p.split(':')[0]}\`:${p.slice(p.indexOf(':') + 1)}`),
        '',
        'Fix the file on the default branch, then press **Re-review**.',
      ].join('\n'),
      retry: false,
    };
  }
  if (error instanceof BudgetError) {
    return { conclusion: 'neutral', title: 'Review budget exceeded', summary: maskSecrets(error.message), retry: false };
  }
  if (error instanceof InputError) {
    return { conclusion: 'failure', title: 'Cannot review this pull request', summary: maskSecrets(error.message), retry: false };
  }
  if (error instanceof ExternalServiceError) {
    const who = error.service === 'github' ? 'GitHub' : 'Anthropic';
    const retry = error.retryable && !attempt.final;
    // Never reached (DNS, refused, timed out) is a different fix from "answered with an error"; a
    // 4xx that is not a rate limit is the service saying no (a body too long, a missing permission):
    // "not answering" would send people to press Re-review, which cannot help.
    const refused = !error.retryable && error.status !== null && error.status >= 400 && error.status < 500;
    const what = error.answered
      ? "Claude's replies could not be used"
      : refused
        ? `${who} refused a request (HTTP ${error.status})`
        : error.network
          ? `${who} is unreachable (${error.network.split(' (')[0]})`
          : `${who} is not answering`;
    return {
      conclusion: 'failure',
      title: `${what}${retry && !refused ? ' — retrying' : ''}`,
      summary: `${maskSecrets(error.message)}\n\n${retry ? 'The review will be retried automatically.' : 'Press **Re-review** to try again.'}`,
      retry,
    };
  }
  return {
    conclusion: 'failure',
    title: 'rfc-panel failed unexpectedly',
    summary: `${maskSecrets((error as Error)?.message ?? String(error))}\n\nPress **Re-review** to try again; if it keeps failing, please report it.`,
    retry: false,
  };
}
