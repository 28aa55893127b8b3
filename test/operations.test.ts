import { createServer, type Server as HttpServer } from 'node:http';
import { afterEach, describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { Probot, Server, createNodeMiddleware } from 'probot';
import { createApp } from '../src/app/create-app.js';
import { budgetLimitsFromEnv, createMemoryBudgetStore, createReviewBudget } from '../src/budget/create-review-budget.js';
import type { Engine } from '../src/engines/types.js';
import { createAppLogger } from '../src/logging/create-app-logger.js';
import type { HttpHandler } from '../src/metrics/endpoints.js';
import { createMemoryQueue } from '../src/queue/create-memory-queue.js';
import type { JobQueue } from '../src/queue/schema.js';
import { createHarness, stubEngine, type StubRule } from './helpers/app-harness.js';
import { FakeGitHub } from './helpers/fake-github.js';
import { UnthrottledProbotOctokit, createTestProbot, testPrivateKey } from './helpers/github-mock.js';
import { takeUnmatchedRequests } from './helpers/http-mock.js';
import { freePort } from './helpers/redis-server.js';
import { pullRequestPayload } from './helpers/webhook-examples.js';

const PLAN = '# Session cache\n\n## Proposal\n1. Add Redis dependency.\n2. Cache sessions for a day.\n';
const RULES: StubRule[] = [{ quote: 'Add Redis dependency', concern: 'redis-fallback', severity: 'important', title: 'Redis has no failure story' }];
const HEAD = 'c'.repeat(40);
const USAGE = { inputTokens: 1200, outputTokens: 300, cacheCreationInputTokens: 100, cacheReadInputTokens: 50, costUsd: 0.0125 };

/** The stub engine, reporting what a paid engine would have spent. */
function payingEngine(onReview?: () => void): Engine {
  const inner = stubEngine(RULES, onReview);
  return {
    name: 'claude',
    async review(request) {
      const result = await inner.review(request);
      return { ...result, runs: result.runs.map((r, i) => ({ ...r, engine: 'claude' as const, usage: i === 0 ? USAGE : r.usage })) };
    },
  };
}

const throwingClaude: Engine = {
  name: 'claude',
  async review() {
    throw new Error('the paid engine must not run over budget');
  },
};

let servers: HttpServer[] = [];
let queues: JobQueue[] = [];

afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await Promise.all(queues.map((q) => q.close()));
  servers = [];
  queues = [];
});

async function serve(handler: HttpHandler | ((req: never, res: never) => Promise<boolean | undefined>)): Promise<string> {
  const server = createServer(async (req, res) => {
    if (!(await (handler as HttpHandler)(req, res))) res.writeHead(404).end();
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/**
 * GET on this test's own loopback server. nock lets loopback through but still reports it as
 * unmatched; those reports are taken here and anything else is failed on the spot.
 */
async function get(url: string): Promise<Response> {
  const res = await fetch(url);
  const body = await res.arrayBuffer();
  expect(takeUnmatchedRequests().filter((r) => !/^[A-Z]+ (127\.0\.0\.1|localhost)[:/]/.test(r))).toEqual([]);
  return new Response(body, { status: res.status, headers: res.headers });
}

function metricValue(text: string, name: string, labels: Record<string, string> = {}): number | null {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelPart = line.slice(name.length).split(' ')[0]!;
    if (wanted.every((w) => labelPart.includes(w))) return Number(line.split(' ').at(-1));
  }
  return null;
}

describe('/metrics', () => {
  it('counts webhooks, jobs, review time, tokens, cost and GitHub calls after a review', async () => {
    const github = new FakeGitHub();
    github.push(HEAD, { 'docs/rfcs/session-cache.md': PLAN });
    let handler!: HttpHandler;
    const h = await createHarness({ github, createEngines: async () => [payingEngine()], onEndpoints: (e) => (handler = e) });
    queues.push(h.queue());
    const base = await serve(handler);

    await h.opened('opened', { id: 'm-1' });
    await h.opened('opened', { id: 'm-1' });
    const res = await get(`${base}/metrics`);
    const text = await res.text();

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(metricValue(text, 'rfc_panel_webhooks_received_total', { event: 'pull_request', action: 'opened' })).toBe(2);
    expect(metricValue(text, 'rfc_panel_webhooks_acked_total', { event: 'pull_request', outcome: 'queued' })).toBe(1);
    expect(metricValue(text, 'rfc_panel_webhooks_acked_total', { event: 'pull_request', outcome: 'duplicate' })).toBe(1);
    expect(metricValue(text, 'rfc_panel_jobs_total', { kind: 'review', state: 'completed' })).toBe(1);
    expect(metricValue(text, 'rfc_panel_jobs', { state: 'active' })).toBe(0);
    expect(metricValue(text, 'rfc_panel_jobs', { state: 'queued' })).toBe(0);
    expect(metricValue(text, 'rfc_panel_jobs', { state: 'completed' })).toBe(1);
    expect(metricValue(text, 'rfc_panel_review_duration_seconds_count', { outcome: 'posted' })).toBe(1);
    expect(metricValue(text, 'rfc_panel_llm_tokens_total', { type: 'input' })).toBe(1200);
    expect(metricValue(text, 'rfc_panel_llm_tokens_total', { type: 'output' })).toBe(300);
    expect(metricValue(text, 'rfc_panel_llm_tokens_total', { type: 'cache_write' })).toBe(100);
    expect(metricValue(text, 'rfc_panel_llm_tokens_total', { type: 'cache_read' })).toBe(50);
    expect(metricValue(text, 'rfc_panel_llm_cost_usd_total')).toBeCloseTo(0.0125);
    expect(metricValue(text, 'rfc_panel_github_requests_total', { method: 'GET', status: '200' })).toBeGreaterThan(3);
    expect(metricValue(text, 'rfc_panel_github_requests_total', { method: 'POST', status: '201' })).toBeGreaterThanOrEqual(1);
    expect(metricValue(text, 'rfc_panel_github_requests_total', { method: 'PATCH', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('counts failed GitHub calls by status and failed jobs by error kind', async () => {
    const github = new FakeGitHub();
    github.push(HEAD, { 'docs/rfcs/session-cache.md': PLAN });
    github.faults.push({ match: /^GET .*\/pulls\/7$/, status: 404, times: 1 });
    let handler!: HttpHandler;
    const h = await createHarness({ github, createEngines: async () => [stubEngine(RULES)], onEndpoints: (e) => (handler = e) });
    queues.push(h.queue());
    const base = await serve(handler);

    await h.opened();
    const text = await (await get(`${base}/metrics`)).text();

    expect(metricValue(text, 'rfc_panel_github_requests_total', { method: 'GET', status: '404' })).toBe(1);
    expect(metricValue(text, 'rfc_panel_errors_total', { kind: 'ExternalServiceError' })).toBe(1);
    expect(metricValue(text, 'rfc_panel_jobs_total', { kind: 'review', state: 'failed' })).toBe(1);
  });
});

describe('/healthz and /readyz', () => {
  it("are served by Probot's own server (what `probot run` starts)", async () => {
    const port = await freePort();
    const server = new Server({
      Probot: Probot.defaults({ appId: 1, privateKey: testPrivateKey(), Octokit: UnthrottledProbotOctokit, log: pino({ level: 'silent' }) }),
      log: pino({ level: 'silent' }),
      host: '127.0.0.1',
      port,
    });
    await server.load(createApp({ env: {}, recoverOnStart: false, onQueue: (q) => queues.push(q) }));
    await server.start();
    try {
      const health = await get(`http://127.0.0.1:${port}/healthz`);
      const ready = await get(`http://127.0.0.1:${port}/readyz`);
      const metrics = await get(`http://127.0.0.1:${port}/metrics`);
      expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
      expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready', checks: {} }]);
      expect(metrics.status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('answers /readyz with 503 while the configured Redis is unreachable; /healthz stays 200', async () => {
    const port = await freePort();
    const probot = await createTestProbot();
    const middleware = await createNodeMiddleware(
      createApp({
        env: { REDIS_URL: `redis://127.0.0.1:${port}` },
        // The point here is readiness: keep the jobs in process so no BullMQ worker spins on the dead Redis.
        createQueue: (process, log, announce) => createMemoryQueue({ process, log, onAccepted: announce }),
        onQueue: (q) => queues.push(q),
      }),
      { probot },
    );
    const base = await serve(middleware as unknown as HttpHandler);

    const ready = await get(`${base}/readyz`);
    const health = await get(`${base}/healthz`);

    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { status: string }).status).toBe('not ready');
    expect(health.status).toBe(200);
  });
});

describe('review budgets', () => {
  it('reviews with the offline checklist when the budget is $0.00, and says so; the paid engine is never built', async () => {
    const github = new FakeGitHub();
    github.push(HEAD, { 'docs/rfcs/session-cache.md': PLAN });
    let built = 0;
    const h = await createHarness({
      github,
      env: { ANTHROPIC_API_KEY: 'sk-ant-test-0000000000', RFC_PANEL_DAILY_BUDGET_USD: '0' },
      createEngines: async () => {
        built++;
        return [throwingClaude];
      },
    });

    await h.opened();

    expect(built).toBe(0);
    const run = github.checkRuns[0]!;
    expect(run.status).toBe('completed');
    expect(run.output?.summary).toContain(
      "The installation's daily review budget ($0.00) is spent ($0.00 today); this revision was reviewed by the offline checklist only.",
    );
    expect(github.issueComments[0]!.body).toContain('reviewed by the offline checklist only');
  });

  it('stops paid reviews of a pull request once its own cap is spent', async () => {
    const github = new FakeGitHub();
    github.push(HEAD, { 'docs/rfcs/session-cache.md': PLAN });
    let built = 0;
    const h = await createHarness({
      github,
      env: { RFC_PANEL_PR_BUDGET_USD: '0.01' },
      createEngines: async () => {
        built++;
        return [payingEngine()];
      },
    });

    await h.opened();
    github.push('d'.repeat(40), { 'docs/rfcs/session-cache.md': `${PLAN}3. Monitor hit rate.\n` });
    await h.opened('synchronize');

    expect(built).toBe(1);
    expect(github.checkRuns.at(-1)!.output?.summary).toContain("This pull request's review budget ($0.01) is spent ($0.01 so far)");
  });

  it('keeps a daily token budget per installation and starts afresh the next day', async () => {
    let today = new Date('2026-11-22T10:00:00Z');
    const budget = createReviewBudget(
      budgetLimitsFromEnv({ RFC_PANEL_DAILY_BUDGET_TOKENS: '1000' })!,
      createMemoryBudgetStore(() => today.getTime()),
      () => today,
    );
    const scope = { installationId: 1, owner: 'o', repo: 'r', pullNumber: 1 };

    await budget.record(scope, { ...USAGE, costUsd: 0 });
    const spent = await budget.check(scope);
    const otherInstallation = await budget.check({ ...scope, installationId: 2 });
    today = new Date('2026-11-23T00:00:01Z');
    const tomorrow = await budget.check(scope);

    expect(spent).toEqual({ allowed: false, reason: "The installation's daily token budget (1000 tokens) is spent (1650 today)" });
    expect([otherInstallation.allowed, tomorrow.allowed]).toEqual([true, true]);
  });

  it('reads limits from the environment and refuses malformed ones', () => {
    expect(budgetLimitsFromEnv({})).toBeNull();
    expect(budgetLimitsFromEnv({ RFC_PANEL_DAILY_BUDGET_USD: '5', RFC_PANEL_PR_BUDGET_USD: '0.5' })).toEqual({ dailyUsd: 5, dailyTokens: null, prUsd: 0.5 });
    expect(() => budgetLimitsFromEnv({ RFC_PANEL_DAILY_BUDGET_USD: 'five' })).toThrow('RFC_PANEL_DAILY_BUDGET_USD must be a number ≥ 0 (got "five")');
  });
});

describe('logs', () => {
  const ANTHROPIC = 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
  const GITHUB = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
  const PRIVATE_KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\n-----END RSA PRIVATE KEY-----';

  function capture(): { lines: () => string; base: pino.Logger } {
    const out: string[] = [];
    return { lines: () => out.join(''), base: pino({ level: 'debug' }, { write: (s: string) => void out.push(s) }) };
  }

  it('removes secrets at known paths and masks them in error messages, stacks and causes', () => {
    const { lines, base } = capture();
    const log = createAppLogger(base).child({ pull: 'o/r#1' });

    log.info({ apiKey: ANTHROPIC, env: { ANTHROPIC_API_KEY: ANTHROPIC, PRIVATE_KEY }, auth: { token: GITHUB } }, 'config');
    log.error({ err: new Error(`request with ${ANTHROPIC} failed`, { cause: new Error(`token ${GITHUB}`) }) }, 'call failed');
    log.warn({ err: Object.assign(new Error('HTTP 401'), { request: { headers: { authorization: `token ${GITHUB}` } }, key: PRIVATE_KEY }) }, 'github failed');
    log.error({ error: new Error(`key ${PRIVATE_KEY}`) }, 'other key');

    const text = lines();
    expect(text).not.toContain('sk-ant-api03');
    expect(text).not.toContain('ghs_16C7');
    expect(text).not.toContain('MIIEow');
    expect(text).toContain('[redacted]');
    expect(text.split('\n').filter(Boolean)).toHaveLength(4);
  });

  it("keeps that redaction in the app logger built on Probot's", async () => {
    const { lines, base } = capture();
    const github = new FakeGitHub();
    github.push(HEAD, { 'docs/rfcs/session-cache.md': PLAN });
    const probot = new Probot({ appId: 1, privateKey: testPrivateKey(), Octokit: UnthrottledProbotOctokit, log: base });
    let queue!: JobQueue;
    await probot.load(
      createApp({
        env: {},
        recoverOnStart: false,
        now: () => new Date('2026-11-22T10:00:00Z'),
        createEngines: async () => {
          throw new Error(`Anthropic rejected key ${ANTHROPIC}`);
        },
        onQueue: (q) => (queue = q),
      }),
    );
    queues.push(queue);

    await probot.receive({
      id: 'log-1',
      name: 'pull_request',
      payload: pullRequestPayload('opened', { owner: github.owner, repo: github.repo, number: 7, headSha: HEAD, installationId: 1, userLogin: 'alice' }),
    } as Parameters<Probot['receive']>[0]);
    await queue.drain();

    const text = lines();
    expect(text).toContain('Anthropic rejected key [redacted]');
    expect(text).not.toContain('sk-ant-api03');
    // The document's text is never logged at info or above.
    const aboveDebug = text
      .split('\n')
      .filter((l) => l && JSON.parse(l).level > 20)
      .join('\n');
    expect(aboveDebug).not.toContain('Add Redis dependency');
  });
});
