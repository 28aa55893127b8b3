// Direct tests of mapErrorToOutcome: every error class → the check run a user sees, and whether the
// job is tried again.
import { describe, expect, it } from '@jest/globals';
import { BudgetError, ExternalServiceError, InputError, RfcPanelError, ValidationError } from '../src/errors/errors.js';
import { mapErrorToOutcome } from '../src/errors/map-error-to-outcome.js';

const notFinal = { final: false };
const final = { final: true };

describe('errors in what the user gave', () => {
  it('names the invalid file and each bad field, and does not retry', () => {
    const error = new ValidationError('.github/rfc-panel.yml', ['engine: must be one of checklist, claude', 'budgets.maxTokensPerReview: must be positive']);

    const outcome = mapErrorToOutcome(error, notFinal);

    expect(outcome).toEqual({
      conclusion: 'failure',
      title: 'Invalid .github/rfc-panel.yml',
      summary: [
        'rfc-panel did not review this revision because `.github/rfc-panel.yml` is invalid:',
        '',
        '- `engine`: must be one of checklist, claude',
        '- `budgets.maxTokensPerReview`: must be positive',
        '',
        'Fix the file on the default branch, then press **Re-review**.',
      ].join('\n'),
      retry: false,
    });
  });

  it('reports any other input error as a pull request it cannot review, and does not retry', () => {
    const outcome = mapErrorToOutcome(new InputError('plan.md is larger than 1 MB'), notFinal);

    expect(outcome).toEqual({ conclusion: 'failure', title: 'Cannot review this pull request', summary: 'plan.md is larger than 1 MB', retry: false });
  });
});

describe('budgets', () => {
  it('reports an exceeded budget as neutral, not a failure of the plan, and does not retry', () => {
    const outcome = mapErrorToOutcome(new BudgetError('this installation spent its daily 2,000,000 tokens'), notFinal);

    expect(outcome).toEqual({
      conclusion: 'neutral',
      title: 'Review budget exceeded',
      summary: 'this installation spent its daily 2,000,000 tokens',
      retry: false,
    });
  });
});

describe('services that fail', () => {
  it('retries a retryable GitHub failure and says so while attempts remain', () => {
    const outcome = mapErrorToOutcome(new ExternalServiceError('github', 'HTTP 502 from GitHub', true, 502), notFinal);

    expect(outcome).toEqual({
      conclusion: 'failure',
      title: 'GitHub is not answering — retrying',
      summary: 'HTTP 502 from GitHub\n\nThe review will be retried automatically.',
      retry: true,
    });
  });

  it('stops retrying on the last attempt and sends the user to Re-review', () => {
    const outcome = mapErrorToOutcome(new ExternalServiceError('anthropic', 'overloaded', true, 529), final);

    expect(outcome).toEqual({
      conclusion: 'failure',
      title: 'Anthropic is not answering',
      summary: 'overloaded\n\nPress **Re-review** to try again.',
      retry: false,
    });
  });

  it('calls a refused 4xx a refusal, never "not answering", and does not retry it', () => {
    const outcome = mapErrorToOutcome(new ExternalServiceError('github', 'Validation Failed: body is too long', false, 422), notFinal);

    expect(outcome).toEqual({
      conclusion: 'failure',
      title: 'GitHub refused a request (HTTP 422)',
      summary: 'Validation Failed: body is too long\n\nPress **Re-review** to try again.',
      retry: false,
    });
  });

  it('retries a rate limit (a retryable 4xx) without calling it a refusal', () => {
    const outcome = mapErrorToOutcome(new ExternalServiceError('github', 'secondary rate limit', true, 403, { retryAfterMs: 60_000 }), notFinal);

    expect([outcome.title, outcome.retry]).toEqual(['GitHub is not answering — retrying', true]);
  });

  it('names a connection that never happened by its short cause', () => {
    const error = new ExternalServiceError('github', 'getaddrinfo ENOTFOUND api.github.com', true, 500, {
      network: 'ENOTFOUND (DNS lookup failed) api.github.com',
    });

    const outcome = mapErrorToOutcome(error, final);

    expect(outcome).toEqual({
      conclusion: 'failure',
      title: 'GitHub is unreachable (ENOTFOUND)',
      summary: 'getaddrinfo ENOTFOUND api.github.com\n\nPress **Re-review** to try again.',
      retry: false,
    });
  });

  it("says Claude's replies could not be used when the service answered with nothing usable", () => {
    const error = new ExternalServiceError('anthropic', 'every reply failed validation', true, null, { answered: true });

    const outcome = mapErrorToOutcome(error, notFinal);

    expect([outcome.title, outcome.retry]).toEqual(["Claude's replies could not be used — retrying", true]);
  });

  it('does not retry a service failure marked not retryable, whatever the attempt', () => {
    const outcome = mapErrorToOutcome(new ExternalServiceError('anthropic', 'invalid x-api-key', false, null), notFinal);

    expect(outcome).toEqual({
      conclusion: 'failure',
      title: 'Anthropic is not answering',
      summary: 'invalid x-api-key\n\nPress **Re-review** to try again.',
      retry: false,
    });
  });
});

describe('everything else', () => {
  it('reports an unexpected error as a failure to report, and does not retry it', () => {
    const outcome = mapErrorToOutcome(new TypeError("Cannot read properties of undefined (reading 'sha')"), notFinal);

    expect(outcome).toEqual({
      conclusion: 'failure',
      title: 'rfc-panel failed unexpectedly',
      summary: "Cannot read properties of undefined (reading 'sha')\n\nPress **Re-review** to try again; if it keeps failing, please report it.",
      retry: false,
    });
  });

  it('treats the base error class like any unexpected error', () => {
    const outcome = mapErrorToOutcome(new RfcPanelError('something odd'), notFinal);

    expect([outcome.title, outcome.retry]).toEqual(['rfc-panel failed unexpectedly', false]);
  });

  it('turns a thrown string into its text', () => {
    const outcome = mapErrorToOutcome('boom', notFinal);

    expect(outcome.summary).toEqual('boom\n\nPress **Re-review** to try again; if it keeps failing, please report it.');
  });

  it('masks a secret in any message before it reaches the check run', () => {
    const token = `ghp_${'a1B2c3D4e5'.repeat(4)}`;

    const outcome = mapErrorToOutcome(new InputError(`bad token ${token}`), notFinal);

    expect(outcome.summary.includes(token)).toEqual(false);
  });
});
