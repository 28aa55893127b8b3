import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createClaudeEngine } from '../src/engines/claude/create-claude-engine.js';
import {
  type CapturedBody,
  capture,
  cutOffReply,
  findingsReply,
  forPersona,
  llmFinding,
  loadPlan,
  message,
  persona,
  refusalReply,
} from './fixtures/claude/messages-api.js';

const API = 'https://api.anthropic.com';
const base = { apiKey: 'test-key', env: {}, warmCache: 'off' } as const;
const overloaded = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };

describe('the claude engine when a call goes wrong', () => {
  it('repairs a reply that fails validation once, with the problems sent back as a tool error', async () => {
    // Arrange
    const seen: CapturedBody[] = [];
    nock(API)
      .post('/v1/messages', forPersona('sre'))
      .reply(200, capture(seen, findingsReply([llmFinding({ severity: 'high' })])))
      .post('/v1/messages', forPersona('sre'))
      .reply(200, capture(seen, findingsReply([llmFinding()])));
    const engine = createClaudeEngine({ ...base, maxRetries: 0 });

    // Act
    const result = await engine.review({ document: loadPlan(), personas: [persona('sre')] });

    // Assert
    expect(result.runs.map((r) => [r.status, r.findings])).toEqual([['ok', 1]]);
    expect(result.findings.map((f) => f.severity)).toEqual(['critical']);
    const repair = seen[1]!.messages;
    expect(repair.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(repair[2]!.content).toEqual([
      expect.objectContaining({ type: 'tool_result', tool_use_id: 'toolu_01', is_error: true, content: expect.stringContaining('findings.0.severity') }),
    ]);
    expect(JSON.stringify(seen[1]!.system)).toBe(JSON.stringify(seen[0]!.system));
  });

  it('reports the persona failed when the repaired reply is still invalid', async () => {
    // Arrange
    nock(API)
      .post('/v1/messages', forPersona('sre'))
      .times(2)
      .reply(200, findingsReply([llmFinding({ recommendation: 'maybe' })]));
    const engine = createClaudeEngine({ ...base, maxRetries: 0 });

    // Act
    const result = await engine.review({ document: loadPlan(), personas: [persona('sre')] });

    // Assert
    expect(result.runs.map((r) => [r.status, r.reason])).toEqual([
      ['failed', expect.stringMatching(/^the reply failed validation after one repair attempt: findings\.0\.recommendation: /)],
    ]);
    expect(result.findings).toEqual([]);
  });

  it('waits as long as a 429 says in retry-after, then succeeds', async () => {
    // Arrange
    nock(API)
      .post('/v1/messages', forPersona('sre'))
      .reply(429, { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }, { 'retry-after': '1' })
      .post('/v1/messages', forPersona('sre'))
      .reply(200, findingsReply([llmFinding()]));
    const engine = createClaudeEngine({ ...base, maxRetries: 3 });

    // Act
    const started = Date.now();
    const result = await engine.review({ document: loadPlan(), personas: [persona('sre')] });

    // Assert: the SDK's own backoff for a first retry is at most 500 ms; retry-after asked for 1 s
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(result.runs.map((r) => [r.status, r.findings])).toEqual([['ok', 1]]);
  });

  it('returns the other personas’ findings when one stays overloaded after every retry', async () => {
    // Arrange
    nock(API).post('/v1/messages', forPersona('sre')).times(3).reply(529, overloaded, { 'retry-after-ms': '1' });
    nock(API)
      .post('/v1/messages', forPersona('security'))
      .reply(200, findingsReply([llmFinding({ concern: 'fail-closed-login' })]));
    const engine = createClaudeEngine({ ...base, maxRetries: 2 });

    // Act
    const result = await engine.review({ document: loadPlan(), personas: [persona('sre'), persona('security')] });

    // Assert
    expect(result.runs.map((r) => [r.persona, r.status, r.reason])).toEqual([
      ['sre', 'failed', 'Anthropic API overloaded (529); gave up after 2 retries'],
      ['security', 'ok', null],
    ]);
    expect(result.findings.map((f) => [f.personas, f.concern])).toEqual([[['security'], 'fail-closed-login']]);
  });

  it('retries a reply cut off at max_tokens once, with a larger limit and a request for fewer findings', async () => {
    // Arrange
    const seen: CapturedBody[] = [];
    nock(API)
      .post('/v1/messages', forPersona('sre'))
      .reply(200, capture(seen, cutOffReply()))
      .post('/v1/messages', forPersona('sre'))
      .reply(200, capture(seen, findingsReply([llmFinding()])));
    const engine = createClaudeEngine({ ...base, maxRetries: 0, maxOutputTokens: 4096 });

    // Act
    const result = await engine.review({ document: loadPlan(), personas: [persona('sre')] });

    // Assert
    expect(seen.map((b) => b.max_tokens)).toEqual([4096, 8192]);
    expect(seen[1]!.messages[0]!.content).toContain('Report at most 4 findings');
    expect(seen[1]!.messages[0]!.content).toContain('Your previous reply was cut off');
    expect(result.runs.map((r) => [r.status, r.findings])).toEqual([['ok', 1]]);
    expect(result.notes).toContain('sre: A reply was cut off at max_tokens 4096; retried once asking for fewer, shorter findings.');
  });

  it('reports the persona failed when the reply is cut off twice', async () => {
    // Arrange
    nock(API).post('/v1/messages', forPersona('sre')).times(2).reply(200, cutOffReply());
    const engine = createClaudeEngine({ ...base, maxRetries: 0, maxOutputTokens: 4096 });

    // Act
    const result = await engine.review({ document: loadPlan(), personas: [persona('sre')] });

    // Assert
    expect(result.runs.map((r) => [r.status, r.reason])).toEqual([['failed', 'the reply was cut off at max_tokens twice (4096, then 8192 tokens)']]);
  });

  it('reports a refusal as a failed persona with its category', async () => {
    // Arrange
    nock(API).post('/v1/messages', forPersona('sre')).reply(200, refusalReply('cyber'));
    nock(API).post('/v1/messages', forPersona('security')).reply(200, findingsReply([]));
    const engine = createClaudeEngine({ ...base, maxRetries: 0 });

    // Act
    const result = await engine.review({ document: loadPlan(), personas: [persona('sre'), persona('security')] });

    // Assert
    expect(result.runs.map((r) => [r.persona, r.status, r.reason])).toEqual([
      ['sre', 'failed', 'the model declined to review (stop_reason "refusal", category "cyber")'],
      ['security', 'ok', null],
    ]);
  });

  it('asks again when the model answers in prose instead of calling the tool', async () => {
    // Arrange
    const seen: CapturedBody[] = [];
    nock(API)
      .post('/v1/messages', forPersona('sre'))
      .reply(200, capture(seen, message([{ type: 'text', text: 'Looks fine to me.' }], 'end_turn', {})))
      .post('/v1/messages', forPersona('sre'))
      .reply(200, capture(seen, findingsReply([])));
    const engine = createClaudeEngine({ ...base, maxRetries: 0 });

    // Act
    const result = await engine.review({ document: loadPlan(), personas: [persona('sre')] });

    // Assert
    expect(seen[1]!.messages.slice(1)).toEqual([
      { role: 'assistant', content: [{ type: 'text', text: 'Looks fine to me.' }] },
      { role: 'user', content: 'You did not call submit_review. Call it now with your findings.' },
    ]);
    expect(result.runs.map((r) => r.status)).toEqual(['ok']);
  });

  it('keeps only the most severe findings above the per-persona limit, with a note', async () => {
    // Arrange
    const many = [
      llmFinding({ severity: 'nice-to-have', concern: 'a' + 'x' }),
      llmFinding({ severity: 'critical', concern: 'b' + 'x' }),
      llmFinding({ severity: 'important', concern: 'c' + 'x' }),
    ];
    nock(API).post('/v1/messages', forPersona('sre')).reply(200, findingsReply(many));
    const engine = createClaudeEngine({ ...base, maxRetries: 0, maxFindingsPerPersona: 2 });

    // Act
    const result = await engine.review({ document: loadPlan(), personas: [persona('sre')] });

    // Assert
    expect(result.findings.map((f) => f.concern)).toEqual(['bx', 'cx']);
    expect(result.notes).toContain('sre: 3 findings returned, above the limit of 2; kept the 2 most severe.');
  });

  it('reports a call that outlives the timeout as failed, without throwing', async () => {
    // Arrange
    nock(API).post('/v1/messages', forPersona('sre')).delay(500).reply(200, findingsReply([]));
    const engine = createClaudeEngine({ ...base, maxRetries: 0, timeoutMs: 100 });

    // Act
    const result = await engine.review({ document: loadPlan(), personas: [persona('sre')] });

    // Assert
    expect(result.runs.map((r) => [r.status, r.reason])).toEqual([['failed', 'request timed out']]);
  });

  it('names the key as the problem on a 401, without retrying it', async () => {
    // Arrange
    nock(API)
      .post('/v1/messages', forPersona('sre'))
      .reply(401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
    const engine = createClaudeEngine({ ...base, maxRetries: 3 });

    // Act
    const result = await engine.review({ document: loadPlan(), personas: [persona('sre')] });

    // Assert
    expect(result.runs.map((r) => [r.status, r.reason])).toEqual([['failed', 'authentication failed (401): check ANTHROPIC_API_KEY']]);
  });
});
