import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { parseDocument } from '../src/documents/parse-document.js';
import { createClaudeEngine } from '../src/engines/claude/create-claude-engine.js';
import { type CapturedBody, capture, findingsReply, forPersona, llmFinding, loadPlan, persona } from './fixtures/claude/messages-api.js';

const API = 'https://api.anthropic.com';
const base = { apiKey: 'test-key', env: {}, warmCache: 'off', maxRetries: 0 } as const;

/** Three top-level sections of ~25 lines each (~500 tokens apiece). */
function longPlan() {
  const lines = ['# Queue migration', ''];
  for (const name of ['Background', 'Design', 'Rollout']) {
    lines.push(`## ${name}`, '');
    for (let i = 1; i <= 25; i++) lines.push(`${name} detail ${i}: the workers drain the old queue before switching to the new broker.`);
    lines.push('');
  }
  lines[lines.indexOf('Design detail 7: the workers drain the old queue before switching to the new broker.')] =
    'Messages are acknowledged before they are processed.';
  return parseDocument('docs/queue.md', lines.join('\n'));
}

describe('the claude engine’s token limits', () => {
  it('skips the personas that would overrun maxTokensPerReview, with a note, and runs the rest', async () => {
    // Arrange: one call reserves its prompt (~2k tokens) + 20k max_tokens, so only one fits in 30k
    nock(API)
      .post('/v1/messages', forPersona('sre'))
      .reply(200, findingsReply([llmFinding()]));
    const engine = createClaudeEngine({ ...base, maxOutputTokens: 20_000, maxOutputTokensCeiling: 20_000, maxTokensPerReview: 30_000 });

    // Act
    const result = await engine.review({ document: loadPlan(), personas: [persona('sre'), persona('security'), persona('data')] });

    // Assert
    expect(result.runs.map((r) => [r.persona, r.status])).toEqual([
      ['sre', 'ok'],
      ['security', 'skipped'],
      ['data', 'skipped'],
    ]);
    expect(result.runs[1]!.reason).toMatch(/^not run: about \d+ more tokens would exceed the review's token budget \(maxTokensPerReview 30000\)$/);
    expect(result.notes).toContain(
      'Skipped 2 Claude reviewer(s) to stay within the token budget of 30000 tokens per review (maxTokensPerReview): security, data.',
    );
    expect(result.findings).toHaveLength(1);
  });

  it('does not make a repair call the budget cannot cover', async () => {
    // Arrange: the first call reports most of the budget used
    nock(API)
      .post('/v1/messages', forPersona('sre'))
      .reply(200, findingsReply([llmFinding({ severity: 'high' })], { input_tokens: 20_000, output_tokens: 100 }));
    const engine = createClaudeEngine({ ...base, maxOutputTokens: 1000, maxTokensPerReview: 21_000 });

    // Act
    const result = await engine.review({ document: loadPlan(), personas: [persona('sre')] });

    // Assert
    expect(result.runs.map((r) => [r.status, r.reason])).toEqual([
      ['failed', "stopped before the repair call: the review's token budget (maxTokensPerReview 21000) would be exceeded"],
    ]);
  });

  it('reviews a document above maxDocumentTokens in parts, each with the outline, anchoring against the whole', async () => {
    // Arrange
    const doc = longPlan();
    const seen: CapturedBody[] = [];
    const part = (n: number) => (body: CapturedBody) => forPersona('sre')(body) && body.system[1]!.text.includes(`This is part ${n}:`);
    nock(API)
      .post('/v1/messages', part(1))
      .reply(200, capture(seen, findingsReply([])))
      .post('/v1/messages', part(2))
      .reply(
        200,
        capture(
          seen,
          findingsReply([llmFinding({ quote: 'Messages are acknowledged before they are processed.', section: 'Design', concern: 'ack-before-process' })]),
        ),
      )
      .post('/v1/messages', part(3))
      .reply(200, capture(seen, findingsReply([])));
    const engine = createClaudeEngine({ ...base, maxDocumentTokens: 800 });

    // Act
    const result = await engine.review({ document: doc, personas: [persona('sre')] });

    // Assert
    const parts = seen.map((b) => /This is part (\d): lines (\d+)–(\d+)\./.exec(b.system[1]!.text)!.slice(1).map(Number)).sort((a, b) => a[0]! - b[0]!);
    expect(parts).toEqual([
      [1, 1, 30],
      [2, 31, 58],
      [3, 59, 85],
    ]);
    expect(seen.every((b) => b.system[1]!.text.includes('line 31–58: Queue migration › Design'))).toBe(true);
    expect(result.findings.map((f) => [f.anchor.level, f.anchor.startLine])).toEqual([['line', 39]]);
    expect(result.runs.map((r) => [r.status, r.findings])).toEqual([['ok', 1]]);
    expect(result.notes[0]).toBe(
      'The document is larger than maxDocumentTokens (800); the Claude reviewers read it in 3 parts by top-level section (lines 1–30, lines 31–58, lines 59–85).',
    );
  });
});
