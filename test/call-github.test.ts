import { describe, expect, it } from '@jest/globals';
import { toGitHubError } from '../src/github/call-github.js';

describe('errors at the GitHub boundary', () => {
  it('treats a secondary rate limit as retryable after the time GitHub asks for', () => {
    const error = toGitHubError('posting the review', {
      status: 403,
      message: 'You have exceeded a secondary rate limit',
      response: { headers: { 'retry-after': '7' } },
    });

    expect([error.retryable, error.status, error.retryAfterMs]).toEqual([true, 403, 7000]);
  });

  it('retries server errors and network failures but not validation errors', () => {
    expect([
      toGitHubError('x', { status: 502, message: 'Bad Gateway' }).retryable,
      toGitHubError('x', new Error('socket hang up')).retryable,
      toGitHubError('x', { status: 422, message: 'Unprocessable' }).retryable,
      toGitHubError('x', { status: 403, message: 'Resource not accessible by integration' }).retryable,
    ]).toEqual([true, true, false, false]);
  });
});
