import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { summariseReview } from '../src/engines/claude/summarise-review.js';
import { type SummaryFinding, summariseReviewOffline } from '../src/engines/summarise-review-offline.js';
import type { PersonaRun, Usage } from '../src/engines/types.js';
import { ZERO_USAGE } from '../src/engines/types.js';
import { message } from './fixtures/claude/messages-api.js';

const API = 'https://api.anthropic.com';

const findings: SummaryFinding[] = [
  { severity: 'important', title: 'No rollback plan for the flag.', personas: ['sre'], anchor: { section: 'Plan › Rollout' } },
  { severity: 'critical', title: 'Failing closed on a Redis outage blocks every login', personas: ['sre', 'security'], anchor: { section: 'Plan › Design' } },
  { severity: 'critical', title: 'Sessions are not encrypted at rest', personas: ['security'], anchor: { section: null } },
];
const ok = (persona: string): PersonaRun => ({ persona, engine: 'claude', status: 'ok', reason: null, findings: 1, usage: ZERO_USAGE });

describe('summariseReviewOffline', () => {
  it('counts the findings and names the most urgent one', () => {
    // Act
    const summary = summariseReviewOffline(findings, [ok('sre'), ok('security')]);

    // Assert
    expect(summary).toBe(
      'The panel (2 reviewers) raised 3 findings: 2 critical and 1 important. Most urgent: Failing closed on a Redis outage blocks every login (Plan › Design), and 1 more critical.',
    );
  });

  it('says the review is partial when a persona failed', () => {
    // Arrange
    const failed: PersonaRun = { ...ok('data'), status: 'failed', reason: 'Anthropic API overloaded (529)', findings: 0 };

    // Act
    const summary = summariseReviewOffline([], [ok('sre'), failed]);

    // Assert
    expect(summary).toBe('The panel (2 reviewers) raised no findings. The review is partial: data did not complete (Anthropic API overloaded (529)).');
  });

  it('has nothing to say when nothing ran', () => {
    expect(summariseReviewOffline([], [])).toBeNull();
  });
});

describe('summariseReview', () => {
  it('asks Claude once for the summary and reports the call’s usage', async () => {
    // Arrange
    const seen: unknown[] = [];
    nock(API)
      .post('/v1/messages')
      .reply(200, (_uri, body) => {
        seen.push(body);
        return message(
          [{ type: 'tool_use', id: 'toolu_s', name: 'submit_summary', input: { summary: 'Not ready: a Redis outage would block logins.' } }],
          'tool_use',
          { input_tokens: 1000, output_tokens: 100 },
        );
      });
    const usages: Usage[] = [];

    // Act
    const summary = await summariseReview(findings, [ok('sre'), ok('security')], {
      apiKey: 'test-key',
      env: {},
      maxRetries: 0,
      onUsage: (u) => usages.push(u),
    });

    // Assert
    expect(summary).toBe('Not ready: a Redis outage would block logins.');
    expect(usages).toEqual([{ inputTokens: 1000, outputTokens: 100, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0.0045 }]);
    expect(seen).toEqual([expect.objectContaining({ model: 'claude-sonnet-4-6', tool_choice: { type: 'tool', name: 'submit_summary' } })]);
  });

  it('falls back to the offline summary when the call fails', async () => {
    // Arrange
    nock(API)
      .post('/v1/messages')
      .reply(500, { type: 'error', error: { type: 'api_error', message: 'boom' } });

    // Act
    const summary = await summariseReview(findings, [ok('sre')], { apiKey: 'test-key', env: {}, maxRetries: 0 });

    // Assert
    expect(summary).toBe(summariseReviewOffline(findings, [ok('sre')]));
  });

  it('makes no call without an API key', async () => {
    // Act (the network guard fails the test on any request)
    const summary = await summariseReview(findings, [ok('sre')], { env: {} });

    // Assert
    expect(summary).toBe(summariseReviewOffline(findings, [ok('sre')]));
  });
});
