import Anthropic from '@anthropic-ai/sdk';
import { ExternalServiceError } from '../../errors/errors.js';
import { describeNetworkError } from '../../errors/describe-network-error.js';

/**
 * Any failure of an Anthropic call → ExternalServiceError('anthropic', …) with a message a user can
 * act on, whether trying again later may help, and the HTTP status when there was one. `retries`
 * is how many retries the SDK was allowed (it has already made them when a retryable error
 * reaches us).
 */
export function mapAnthropicError(error: unknown, retries = 0): ExternalServiceError {
  if (error instanceof ExternalServiceError) return error;
  const after = retries > 0 ? `; gave up after ${retries} ${retries === 1 ? 'retry' : 'retries'}` : '';
  if (error instanceof Anthropic.APIUserAbortError) {
    return new ExternalServiceError('anthropic', 'request cancelled', false, null, { cause: error });
  }
  if (error instanceof Anthropic.APIConnectionTimeoutError) {
    return new ExternalServiceError('anthropic', `request timed out${after}`, true, null, { cause: error });
  }
  if (error instanceof Anthropic.APIConnectionError) {
    const network = describeNetworkError(error);
    const cause = network ? ` — ${network}` : error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return new ExternalServiceError('anthropic', `could not reach the Anthropic API${cause}${after}`, true, null, { cause: error, network });
  }
  if (error instanceof Anthropic.APIError && typeof error.status === 'number') {
    const status = error.status;
    const detail = error.apiMessage ? `: ${error.apiMessage}` : '';
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    const what =
      status === 401
        ? 'authentication failed (401): check ANTHROPIC_API_KEY'
        : status === 403
          ? `permission denied (403)${detail}`
          : status === 404
            ? `not found (404)${detail}; check the model name and ANTHROPIC_BASE_URL`
            : status === 413
              ? `request too large (413)${detail}`
              : status === 429
                ? `rate limited (429)${after}`
                : status === 529
                  ? `Anthropic API overloaded (529)${after}`
                  : status >= 500
                    ? `Anthropic API error (${status})${detail}${after}`
                    : `request rejected (${status})${detail}`;
    return new ExternalServiceError('anthropic', what, retryable, status, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ExternalServiceError('anthropic', message, false, null, { cause: error });
}
