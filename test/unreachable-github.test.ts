// With GitHub unreachable, the app says so by name (DNS, refused, timed out), not as "HTTP 500",
// and within seconds: the probe answers before Octokit's and the queue's retries would.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { describeStartup } from '../src/app/describe-startup.js';
import { describeNetworkError } from '../src/errors/describe-network-error.js';
import { mapErrorToOutcome } from '../src/errors/map-error-to-outcome.js';
import { callGitHub, toGitHubError } from '../src/github/call-github.js';
import { probeGitHub } from '../src/github/probe-github.js';
import { createTestProbot } from './helpers/github-mock.js';
import { takeUnmatchedRequests } from './helpers/http-mock.js';

/** A loopback port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** What fetch throws for a failed DNS lookup, as Octokit then wraps it (status 500). */
function octokitDnsFailure(): Error {
  const dns = Object.assign(new Error('getaddrinfo ENOTFOUND api.github.com'), { code: 'ENOTFOUND', hostname: 'api.github.com' });
  const fetchError = Object.assign(new TypeError('fetch failed'), { cause: dns });
  return Object.assign(new Error('getaddrinfo ENOTFOUND api.github.com'), { name: 'HttpError', status: 500, cause: fetchError });
}

describe('naming connection failures', () => {
  it('names a DNS failure that Octokit reported as HTTP 500', () => {
    const error = toGitHubError('reading the pull request', octokitDnsFailure());

    expect([error.message, error.status, error.retryable]).toEqual([
      'reading the pull request failed: cannot reach GitHub — ENOTFOUND (DNS lookup failed: host not found) api.github.com',
      null,
      true,
    ]);
  });

  it.each([
    ['ECONNREFUSED', { code: 'ECONNREFUSED', address: '10.0.0.1', port: 443 }, 'ECONNREFUSED (connection refused) 10.0.0.1:443'],
    ['ETIMEDOUT', { code: 'ETIMEDOUT' }, 'ETIMEDOUT (connection timed out)'],
    ['an undici connect timeout', { code: 'UND_ERR_CONNECT_TIMEOUT' }, 'UND_ERR_CONNECT_TIMEOUT (connection timed out)'],
  ])('names %s inside fetch failed', (_name, cause, expected) => {
    expect(describeNetworkError(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('x'), cause) }))).toBe(expected);
  });

  it('names a bare "fetch failed" and leaves HTTP errors alone', () => {
    expect([describeNetworkError(new TypeError('fetch failed')), describeNetworkError({ status: 502, message: 'Bad Gateway' })]).toEqual([
      'fetch failed (no connection to the server)',
      null,
    ]);
  });

  it('titles the check run "GitHub is unreachable", not "not answering"', () => {
    const outcome = mapErrorToOutcome(toGitHubError('reading the pull request', octokitDnsFailure()), { final: false });

    expect([outcome.title, outcome.retry]).toEqual(['GitHub is unreachable (ENOTFOUND) — retrying', true]);
  });

  it('names ECONNREFUSED from a real Octokit call to a closed port (GHE_HOST pointing nowhere)', async () => {
    const port = await closedPort();
    const probot = await createTestProbot(undefined, { baseUrl: `http://127.0.0.1:${port}/api/v3` });
    const octokit = await probot.auth();

    const error = await callGitHub('reading the app', () => octokit.rest.apps.getAuthenticated()).then(
      () => null,
      (e: unknown) => e as Error,
    );

    expect(error?.message).toBe(`reading the app failed: cannot reach GitHub — ECONNREFUSED (connection refused) 127.0.0.1:${port}`);
    // nock let the loopback request through (and recorded it as unmocked): it really was attempted.
    expect(takeUnmatchedRequests()).toEqual(['GET 127.0.0.1/api/v3/app']);
  });
});

describe('the reachability probe', () => {
  it('reports a refused connection within its timeout', async () => {
    const port = await closedPort();
    const started = Date.now();

    const problem = await probeGitHub(`http://127.0.0.1:${port}/api/v3`, { timeoutMs: 2000 });

    expect(problem).toBe(`ECONNREFUSED (connection refused) 127.0.0.1:${port}`);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports a DNS failure by host name', async () => {
    const lookup = async (host: string): Promise<never> => {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    };

    expect(await probeGitHub('https://ghe.example.invalid/api/v3', { lookup })).toBe('ENOTFOUND (DNS lookup failed: host not found) ghe.example.invalid');
  });

  it('says ETIMEDOUT when nothing answers in time', async () => {
    const lookup = (): Promise<{ address: string }> => new Promise(() => undefined);

    expect(await probeGitHub('https://api.github.com', { lookup, timeoutMs: 50 })).toBe('ETIMEDOUT (connection timed out) api.github.com');
  });

  it('returns null when the port accepts connections', async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      expect(await probeGitHub(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)).toBeNull();
    } finally {
      server.close();
    }
  });
});

describe('the start-up line', () => {
  it('names engine, model, queue, concurrency, budgets, GitHub host and app id, with secrets masked', () => {
    const { line } = describeStartup({
      APP_ID: '4242',
      PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----',
      WEBHOOK_SECRET: 'hook-secret-value',
      ANTHROPIC_API_KEY: 'sk-ant-api03-secretsecretsecret',
      RFC_PANEL_MODEL: 'claude-opus-4-8',
      REDIS_URL: 'redis://default:hunter2@redis.internal:6379/0',
      RFC_PANEL_CONCURRENCY: '8',
      RFC_PANEL_DAILY_BUDGET_USD: '25',
      GHE_HOST: 'ghe.example.com',
      WEBHOOK_PROXY_URL: 'https://smee.io/AbCdEf123',
    });

    expect(line.replace(/^rfc-panel \S+ started/, 'rfc-panel X started')).toBe(
      'rfc-panel X started · engine auto → claude (ANTHROPIC_API_KEY set) · model claude-opus-4-8 · queue redis redis://default:***@redis.internal:6379/0 · concurrency 8 · budgets $25/day · GitHub https://ghe.example.com/api/v3 · app id 4242 · webhook proxy https://smee.io/***',
    );
    expect(['hunter2', 'sk-ant', 'hook-secret', 'PRIVATE KEY', 'AbCdEf123'].filter((s) => line.includes(s))).toEqual([]);
  });

  it('says what the defaults resolve to when nothing is set', () => {
    const { line } = describeStartup({});

    expect(line.replace(/^rfc-panel \S+ started/, 'rfc-panel X started')).toBe(
      'rfc-panel X started · engine auto → checklist (no ANTHROPIC_API_KEY) · model claude-sonnet-4-6 · queue in-process · concurrency 4 · budgets none · GitHub https://api.github.com · app id (unset)',
    );
  });
});
