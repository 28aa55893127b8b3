import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { parseDocument } from '../src/documents/parse-document.js';
import { InputError } from '../src/errors/errors.js';
import { loadCatalogue } from '../src/engines/checklist/catalogue/load-catalogue.js';
import { createClaudeEngine } from '../src/engines/claude/create-claude-engine.js';
import { type CapturedBody, capture, findingsReply, forPersona, llmFinding, loadPlan, persona, personaOf } from './fixtures/claude/messages-api.js';

const API = 'https://api.anthropic.com';
const base = { apiKey: 'test-key', env: {}, maxRetries: 0 } as const;

describe('the claude engine panel', () => {
  // The app loads the catalogue at start-up (warmUp); so do these tests, so timings measure the panel.
  beforeAll(() => void loadCatalogue());

  it('runs the personas in parallel, so a panel takes about as long as its slowest call', async () => {
    // Arrange
    for (const id of ['sre', 'security', 'data']) {
      nock(API).post('/v1/messages', forPersona(id)).delay(400).reply(200, findingsReply([]));
    }
    const engine = createClaudeEngine({ ...base, warmCache: 'off' });

    // Act
    const started = Date.now();
    const result = await engine.review({ document: loadPlan(), personas: [persona('sre'), persona('security'), persona('data')] });
    const elapsed = Date.now() - started;

    // Assert
    expect(result.runs.map((r) => [r.persona, r.status])).toEqual([
      ['sre', 'ok'],
      ['security', 'ok'],
      ['data', 'ok'],
    ]);
    expect(elapsed).toBeLessThan(900); // the three calls in sequence would take 1200 ms
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    // Arrange
    for (const id of ['sre', 'security', 'data']) {
      nock(API).post('/v1/messages', forPersona(id)).delay(150).reply(200, findingsReply([]));
    }
    const engine = createClaudeEngine({ ...base, warmCache: 'off', concurrency: 1 });

    // Act
    const started = Date.now();
    await engine.review({ document: loadPlan(), personas: [persona('sre'), persona('security'), persona('data')] });

    // Assert
    expect(Date.now() - started).toBeGreaterThanOrEqual(440);
  });

  it('sends every persona the same cached prefix and puts the persona after it', async () => {
    // Arrange
    const seen: CapturedBody[] = [];
    for (const id of ['sre', 'security', 'data']) {
      nock(API)
        .post('/v1/messages', forPersona(id))
        .reply(200, capture(seen, findingsReply([])));
    }
    const engine = createClaudeEngine({ ...base, warmCache: 'off' });

    // Act
    await engine.review({ document: loadPlan(), personas: [persona('sre'), persona('security'), persona('data')] });

    // Assert
    expect(seen).toHaveLength(3);
    const [first, ...others] = seen.map((b) => JSON.stringify({ system: b.system, tools: b.tools, tool_choice: b.tool_choice, model: b.model }));
    expect(others).toEqual([first, first]);
    expect(seen[0]!.system.map((block) => block.cache_control)).toEqual([{ type: 'ephemeral' }, { type: 'ephemeral' }]);
    expect(seen[0]!.model).toBe('claude-sonnet-4-6');
    expect(seen[0]!.tool_choice).toEqual({ type: 'tool', name: 'submit_review' });
    const userTurns = seen.map((b) => [personaOf(b), (b.messages[0]!.content as string).includes(`as the ${personaOf(b)} reviewer`)]);
    expect(userTurns.sort()).toEqual([
      ['data', true],
      ['security', true],
      ['sre', true],
    ]);
  });

  it('lists the catalogue concerns the document leaves open in each persona’s own turn, not in the shared prefix', async () => {
    // Arrange: a plan that caches prices in Redis and says nothing about Redis being down.
    const seen: CapturedBody[] = [];
    for (const id of ['scalability', 'payments']) {
      nock(API)
        .post('/v1/messages', forPersona(id))
        .reply(200, capture(seen, findingsReply([])));
    }
    const engine = createClaudeEngine({ ...base, warmCache: 'off' });
    const document = parseDocument(
      'docs/prices.md',
      '# Prices\n\n## Design\nWe will cache product prices in Redis keyed by product id.\nThe product page reads prices from the cache.\n',
    );

    // Act
    await engine.review({ document, personas: [persona('scalability'), persona('payments')] });

    // Assert
    const turn = (id: string): string => seen.find((b) => personaOf(b) === id)!.messages[0]!.content as string;
    expect({
      scalabilityGetsChecklist: turn('scalability').includes('<checklist>') && /cache/i.test(turn('scalability').split('<checklist>')[1]!),
      paymentsGetsNone: turn('payments').includes('<checklist>'),
      prefixMentionsChecklist: seen.some((b) => JSON.stringify(b.system).includes('<checklist>')),
    }).toEqual({ scalabilityGetsChecklist: true, paymentsGetsNone: false, prefixMentionsChecklist: false });
  });

  it('shows the model the document as data, numbered, with hidden content blanked on its own line', async () => {
    // Arrange
    const seen: CapturedBody[] = [];
    nock(API)
      .post('/v1/messages', forPersona('sre'))
      .reply(200, capture(seen, findingsReply([])));
    const engine = createClaudeEngine({ ...base, warmCache: 'off' });

    // Act
    const result = await engine.review({ document: loadPlan(), personas: [persona('sre')] });

    // Assert
    const [instructions, document] = seen[0]!.system.map((b) => b.text);
    expect(instructions).toContain('untrusted data to review');
    const lines = document!.split('\n');
    expect(lines.filter((l) => /^\s+(9|10|11|12|13) \|/.test(l))).toEqual([
      '   9 | The API reads sessions from Redis first and falls back to Postgres on a miss.',
      '  10 | Entries expire after 24 hours.',
      '  11 |',
      '  12 |',
      '  13 | If Redis is down, the API fails closed and returns 503 to every login request.',
    ]);
    expect(document).not.toContain('ignore all previous instructions');
    expect(document).toMatch(/<<<DOCUMENT [0-9a-f]{12}>>>\n/);
    expect(result.notes).toEqual([
      'Content hidden from readers (HTML comments, link definitions, invisible characters) on 2 line(s) was not shown to the Claude reviewers.',
    ]);
  });

  it('warms the cache with a one-token call before fanning the personas out', async () => {
    // Arrange
    const order: string[] = [];
    const record = (body: CapturedBody): boolean => {
      order.push(personaOf(body));
      return true;
    };
    nock(API)
      .post('/v1/messages', (b: CapturedBody) => personaOf(b) === 'primer' && record(b))
      .delay(100)
      .reply(200, findingsReply([], { output_tokens: 1, cache_creation_input_tokens: 1500, input_tokens: 20 }));
    for (const id of ['sre', 'security']) {
      nock(API)
        .post('/v1/messages', (b: CapturedBody) => personaOf(b) === id && record(b))
        .reply(200, findingsReply([], { cache_read_input_tokens: 1500, input_tokens: 80 }));
    }
    const engine = createClaudeEngine({ ...base, minCacheableTokens: 0 });

    // Act
    const result = await engine.review({ document: loadPlan(), personas: [persona('sre'), persona('security')] });

    // Assert
    expect(order[0]).toBe('primer');
    expect(order.slice(1).sort()).toEqual(['security', 'sre']);
    expect(result.runs.map((r) => [r.persona, r.usage.cacheCreationInputTokens, r.usage.cacheReadInputTokens])).toEqual([
      ['sre', 1500, 1500],
      ['security', 0, 1500],
    ]);
  });

  it('records usage and its cost per persona from the price table', async () => {
    // Arrange
    nock(API)
      .post('/v1/messages', forPersona('sre'))
      .reply(200, findingsReply([llmFinding()], { input_tokens: 100, output_tokens: 200, cache_creation_input_tokens: 1000, cache_read_input_tokens: 0 }));
    const engine = createClaudeEngine({ ...base, warmCache: 'off' });

    // Act
    const result = await engine.review({ document: loadPlan(), personas: [persona('sre')] });

    // Assert: (100 + 1000 × 1.25) × $3/M + 200 × $15/M
    expect(result.runs).toEqual([
      {
        persona: 'sre',
        engine: 'claude',
        status: 'ok',
        reason: null,
        findings: 1,
        usage: { inputTokens: 100, outputTokens: 200, cacheCreationInputTokens: 1000, cacheReadInputTokens: 0, costUsd: 0.00705 },
      },
    ]);
  });

  it('uses the model from RFC_PANEL_MODEL and prices it from an overriding table', async () => {
    // Arrange
    const seen: CapturedBody[] = [];
    nock(API)
      .post('/v1/messages', forPersona('sre'))
      .reply(200, capture(seen, findingsReply([], { input_tokens: 1_000_000, output_tokens: 0 })));
    const engine = createClaudeEngine({
      ...base,
      env: { RFC_PANEL_MODEL: 'claude-haiku-4-5' },
      warmCache: 'off',
      prices: { 'claude-haiku-4-5': { inputPerMTok: 2, outputPerMTok: 4 } },
    });

    // Act
    const result = await engine.review({ document: loadPlan(), personas: [persona('sre')] });

    // Assert
    expect([seen[0]!.model, result.runs[0]!.usage.costUsd]).toEqual(['claude-haiku-4-5', 2]);
  });

  it('allows a large max_tokens without streaming, because the timeout is explicit', async () => {
    // Arrange
    const seen: CapturedBody[] = [];
    nock(API)
      .post('/v1/messages', forPersona('sre'))
      .reply(200, capture(seen, findingsReply([])));
    const engine = createClaudeEngine({ ...base, warmCache: 'off', maxOutputTokens: 64_000 });

    // Act
    const result = await engine.review({ document: loadPlan(), personas: [persona('sre')] });

    // Assert
    expect([result.runs[0]!.status, seen[0]!.max_tokens]).toEqual(['ok', 64_000]);
  });

  it('refuses to start without ANTHROPIC_API_KEY, before any call', () => {
    // Arrange / Act / Assert (the network guard fails the test on any request)
    expect(() => createClaudeEngine({ env: {} })).toThrow(InputError);
    expect(() => createClaudeEngine({ env: {} })).toThrow(
      new InputError('The claude engine needs ANTHROPIC_API_KEY; set it, or use --engine checklist for the offline review.'),
    );
  });

  describe('with ANTHROPIC_BASE_URL set', () => {
    const previous = process.env['ANTHROPIC_BASE_URL'];
    afterEach(() => {
      if (previous === undefined) delete process.env['ANTHROPIC_BASE_URL'];
      else process.env['ANTHROPIC_BASE_URL'] = previous;
    });

    it('sends the calls to that host', async () => {
      // Arrange
      process.env['ANTHROPIC_BASE_URL'] = 'https://llm-gateway.example.test/anthropic';
      const scope = nock('https://llm-gateway.example.test').post('/anthropic/v1/messages').reply(200, findingsReply([]));
      const engine = createClaudeEngine({ apiKey: 'test-key', maxRetries: 0, warmCache: 'off' });

      // Act
      const result = await engine.review({ document: loadPlan(), personas: [persona('sre')] });

      // Assert
      expect(result.runs.map((r) => r.status)).toEqual(['ok']);
      expect(scope.isDone()).toBe(true);
    });
  });
});
