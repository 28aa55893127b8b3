// Small helpers for tests that run a Probot app against nock: a Probot authenticated as a GitHub
// App (real JWT → installation-token exchange, as in production) with retries and throttling off,
// and the token exchange mock it needs.
//
//   const probot = await createTestProbot(app);
//   const github = mockInstallationToken(githubApi(), 42).post('/repos/o/r/check-runs').reply(201, { id: 1 });
//   await probot.receive({ id: 'd1', name: 'pull_request', payload: pullRequestPayload('opened', { installationId: 42 }) });
import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { Probot, ProbotOctokit, type ApplicationFunction } from 'probot';

let privateKey: string | undefined;

/**
 * ProbotOctokit with retries and throttling really off. `ProbotOctokit.defaults({ throttle: { enabled:
 * false } })` is NOT enough: Probot wraps the class once more and passes its own `throttle` object
 * (without `enabled`), which replaces ours shallowly, so ProbotOctokit's `enabled: true` wins and
 * writes are spaced ~1 s apart. A defaults *function* runs after Probot's and has the last word.
 */
export const UnthrottledProbotOctokit = ProbotOctokit.defaults((instanceOptions: Record<string, unknown>) => ({
  ...instanceOptions,
  retry: { enabled: false },
  throttle: { ...(instanceOptions.throttle as object | undefined), enabled: false },
}));

/** An RSA key generated once per test file (~100–300 ms), so no key material lives in the repo. */
export function testPrivateKey(): string {
  privateKey ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
  return privateKey;
}

/** A nock scope for GitHub's REST API. For GHE pass `http://host:port/api/v3` (interceptor paths are then
 * relative to /api/v3) and mock GraphQL on a second scope: `githubApi('http://host:port').post('/api/graphql')`. */
export function githubApi(baseUrl = 'https://api.github.com'): nock.Scope {
  return nock(baseUrl);
}

/** The token exchange Probot makes before the first call of an installation. */
export function mockInstallationToken(scope: nock.Scope, installationId = 1): nock.Scope {
  return scope.post(`/app/installations/${installationId}/access_tokens`).reply(201, {
    token: `ghs_test_${installationId}`,
    expires_at: '2099-01-01T00:00:00Z',
    permissions: { checks: 'write', contents: 'read', pull_requests: 'write' },
    repository_selection: 'all',
  });
}

export interface TestProbotOptions {
  appId?: number;
  /** GHE: `http://host:port/api/v3`. */
  baseUrl?: string;
  /** Another Octokit class (e.g. with Octokit's retry plugin on, as in production). */
  Octokit?: typeof ProbotOctokit;
}

/**
 * Octokit's retry plugin on, as Probot ships it, with a 1 ms base delay so tests do not wait; throttling
 * stays off (see UnthrottledProbotOctokit).
 */
export const RetryingProbotOctokit = ProbotOctokit.defaults((instanceOptions: Record<string, unknown>) => ({
  ...instanceOptions,
  retry: { enabled: true, retryAfterBaseValue: 1 },
  throttle: { ...(instanceOptions.throttle as object | undefined), enabled: false },
}));

/** A Probot for app id 1 with retries and throttling disabled; loads `app` when given. */
export async function createTestProbot(app?: ApplicationFunction, options: TestProbotOptions = {}): Promise<Probot> {
  const probot = new Probot({
    appId: options.appId ?? 1,
    privateKey: testPrivateKey(),
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    Octokit: options.Octokit ?? UnthrottledProbotOctokit,
    // Probot's own default is `warn`; tests follow LOG_LEVEL (silent unless the runner sets it).
    logLevel: (process.env.LOG_LEVEL ?? 'silent') as 'info',
  });
  if (app) await probot.load(app);
  return probot;
}
