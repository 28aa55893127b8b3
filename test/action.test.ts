// The GitHub Action entry (src/action/run-action.ts) run in-process against a workflow's event file
// and the stateful fake GitHub: same pipeline, same review as the App, written as github-actions[bot].
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runAction } from '../src/action/run-action.js';
import type { ActionOptions } from '../src/action/action-options.js';
import { decodeLedger } from '../src/ledger/ledger-codec.js';
import { stubEngine } from './helpers/app-harness.js';
import { FakeGitHub } from './helpers/fake-github.js';
import { UnthrottledProbotOctokit } from './helpers/github-mock.js';
import { webhookExample, withOverrides } from './helpers/webhook-examples.js';

const fixtures = join(process.cwd(), 'test', 'fixtures', 'action');
const OPENED = JSON.parse(readFileSync(join(fixtures, 'pull_request.opened.json'), 'utf8'));
const PLAN = readFileSync(join(fixtures, 'webhook-delivery.md'), 'utf8');
const HEAD = 'c'.repeat(40);
const PLAN_PATH = 'docs/rfcs/webhook-delivery.md';
const TOKEN = 'ghs_workflowtoken0000000000000000000000';
// The GitHub Actions app, to which GitHub attributes what `${{ github.token }}` writes.
const ACTIONS_APP = { appId: 15368, appSlug: 'github-actions' };

function eventFile(payload: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'rfc-panel-action-'));
  const path = join(dir, 'event.json');
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

interface Run {
  exitCode: number;
  lines: string[];
  authorizations: string[];
  skipped: string | null;
}

async function run(eventName: string, payload: unknown, env: Record<string, string> = {}, extra: Partial<ActionOptions> = {}): Promise<Run> {
  const lines: string[] = [];
  const authorizations: string[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    authorizations.push(new Headers(init?.headers).get('authorization') ?? '');
    return fetch(input, init);
  };
  const result = await runAction({
    env: {
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: eventFile(payload),
      GITHUB_API_URL: 'https://api.github.com',
      GITHUB_RUN_ID: '123456',
      GITHUB_RUN_ATTEMPT: '1',
      'INPUT_GITHUB-TOKEN': TOKEN,
      'INPUT_ANTHROPIC-API-KEY': '',
      LOG_LEVEL: 'info',
      ...env,
    },
    write: (line) => lines.push(line),
    Octokit: UnthrottledProbotOctokit,
    fetch: recordingFetch,
    now: () => new Date('2026-11-22T10:00:00Z'),
    backoffMs: () => 1,
    ...extra,
  });
  return { exitCode: result.exitCode, lines, authorizations, skipped: result.skipped };
}

function planPr(options: ConstructorParameters<typeof FakeGitHub>[0] = {}): FakeGitHub {
  const github = new FakeGitHub({ ...ACTIONS_APP, ...options });
  github.pull.head.sha = HEAD;
  github.push(HEAD, { [PLAN_PATH]: PLAN });
  return github;
}

describe('the GitHub Action on pull_request.opened (offline checklist, no secret)', () => {
  it('reviews with the workflow token: one review, the check run and the sticky summary, exit 0', async () => {
    const github = planPr();

    const result = await run('pull_request', OPENED);

    expect(result.lines.filter((l) => l.startsWith('::error'))).toEqual([]);
    expect(result.exitCode).toBe(0);
    // Every request carried the workflow's token; no App JWT, no installation-token exchange.
    expect(new Set(result.authorizations)).toEqual(new Set([`token ${TOKEN}`]));
    expect(github.count('POST', /access_tokens/)).toBe(0);

    expect(github.reviews.map((r) => [r.event, r.commit_id, r.user.login])).toEqual([['COMMENT', HEAD, 'github-actions[bot]']]);
    expect(github.reviewComments.length).toBeGreaterThan(0);
    expect(github.reviewComments.every((c) => c.path === PLAN_PATH)).toBe(true);
    // The SQL rules ran: the PostgreSQL parser (WebAssembly) loaded.
    expect(github.reviews[0]!.body + github.reviewComments.map((c) => c.body).join('\n')).toContain('webhook_endpoints');

    expect(github.checkRuns.map((c) => [c.name, c.head_sha, c.history.at(-1)])).toEqual([['rfc-panel', HEAD, 'completed']]);
    expect(github.checkRuns[0]!.conclusion).toBe('failure'); // critical findings open: the gate, not the step, is red
    expect(github.issueComments).toHaveLength(1);
    expect(decodeLedger(github.issueComments[0]!.body)?.entries.length).toBeGreaterThan(0);
    expect(result.lines.some((l) => l.includes('offline checklist (no key)'))).toBe(true);
  });

  it('recognises its own summary on the next push (identity github-actions[bot]) and posts no duplicate', async () => {
    const github = planPr();
    await run('pull_request', OPENED);
    const reviews = github.reviews.length;

    const result = await run('pull_request', withOverrides(OPENED, { action: 'synchronize' }), { GITHUB_RUN_ID: '123457' });

    expect(result.exitCode).toBe(0);
    expect(github.issueComments).toHaveLength(1);
    expect(github.reviews).toHaveLength(reviews);
    expect(github.checkRuns.map((c) => c.status)).toEqual(['completed', 'completed']);
  });

  it('runs the same pipeline with an injected engine, as the App does', async () => {
    const github = planPr();
    const engine = stubEngine([{ quote: 'Redis', concern: 'redis', severity: 'important', title: 'Redis has no failure story' }]);

    const result = await run('pull_request', OPENED, {}, { createEngines: async () => [engine] });

    expect(result.exitCode).toBe(0);
    expect(github.reviewComments.map((c) => c.body)).toEqual([expect.stringContaining('Redis has no failure story')]);
    expect(github.checkRuns[0]!.conclusion).toBe('success');
  });
});

describe('the GitHub Action on other events', () => {
  it('reviews the current head on a `/rfc-panel review` comment', async () => {
    const github = planPr();
    const comment = withOverrides(webhookExample('issue_comment', 'created'), {
      repository: { name: 'plans', full_name: 'acme/plans', owner: { login: 'acme' } },
      issue: { number: 7, state: 'open', pull_request: { url: 'https://api.github.com/repos/acme/plans/pulls/7' } },
      comment: { body: '/rfc-panel review', user: { login: 'alice', type: 'User' } },
    });

    const result = await run('issue_comment', comment);

    expect(result.exitCode).toBe(0);
    expect(github.checkRuns.map((c) => [c.head_sha, c.status])).toEqual([[HEAD, 'completed']]);
    expect(github.reviews).toHaveLength(1);
  });

  it('finds a fork pull request from a workflow_run event (pull_requests is empty for forks)', async () => {
    const github = planPr();
    github.headOwner = 'mallory';
    const event = withOverrides(webhookExample('workflow_run', 'completed'), {
      repository: { name: 'plans', full_name: 'acme/plans', owner: { login: 'acme' } },
      workflow_run: {
        event: 'pull_request',
        conclusion: 'success',
        head_sha: HEAD,
        head_branch: 'plan',
        head_repository: { owner: { login: 'mallory' } },
        pull_requests: [],
      },
    });

    const result = await run('workflow_run', event);

    expect(result.exitCode).toBe(0);
    expect(github.requests.find((r) => r.method === 'GET' && r.path.startsWith('/repos/acme/plans/pulls?'))?.path).toContain('head=mallory%3Aplan');
    expect(github.reviews.map((r) => r.commit_id)).toEqual([HEAD]);
  });

  it('exits 0 without a request for an event it does not act on', async () => {
    const github = planPr();

    const result = await run('pull_request', withOverrides(OPENED, { action: 'labeled' }));

    expect([result.exitCode, result.skipped]).toEqual([0, 'ignored: pull_request.labeled is not an event rfc-panel acts on']);
    expect(github.requests).toEqual([]);
  });

  it('talks to GitHub Enterprise Server at GITHUB_API_URL (REST /api/v3, GraphQL /api/graphql)', async () => {
    const github = planPr({ host: 'http://ghe.example:8080', restPrefix: '/api/v3', graphqlPath: '/api/graphql' });

    const result = await run('pull_request', OPENED, { GITHUB_API_URL: 'http://ghe.example:8080/api/v3' });

    expect(result.exitCode).toBe(0);
    expect(github.reviews).toHaveLength(1);
    expect(github.requests.every((r) => r.path.startsWith('/api/'))).toBe(true);
  });
});

describe('the GitHub Action when something is wrong', () => {
  it('fails the step with an ::error:: annotation when the review fails (invalid config), and says so on the check run', async () => {
    const github = planPr();
    github.config = 'gate: sometimes\n';

    const result = await run('pull_request', OPENED);

    expect(result.exitCode).toBe(1);
    expect(result.lines.filter((l) => l.startsWith('::error'))).toEqual([expect.stringContaining('Invalid .github/rfc-panel.yml')]);
    expect(github.checkRuns.map((c) => [c.conclusion, c.output?.title])).toEqual([['failure', 'Invalid .github/rfc-panel.yml']]);
  });

  it('fails the step when GitHub keeps failing, after retrying', async () => {
    const github = planPr();
    github.faults.push({ match: /^GET \/repos\/acme\/plans\/pulls\/7$/, status: 502, times: 3 });

    const result = await run('pull_request', OPENED);

    expect(result.exitCode).toBe(1);
    expect(github.count('GET', /^\/repos\/acme\/plans\/pulls\/7$/)).toBe(3);
    expect(result.lines.filter((l) => l.startsWith('::error'))).toEqual([expect.stringContaining('reading the pull request failed (HTTP 502)')]);
  });

  it('fails with a clear message outside a workflow or without a token', async () => {
    const lines: string[] = [];
    const outside = await runAction({ env: {}, write: (l) => lines.push(l) });
    const noToken = await runAction({ env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventFile(OPENED) }, write: (l) => lines.push(l) });

    expect([outside.exitCode, noToken.exitCode]).toEqual([1, 1]);
    expect(lines).toEqual([
      expect.stringMatching(/^::error title=rfc-panel::GITHUB_EVENT_NAME and GITHUB_EVENT_PATH are not set/),
      expect.stringMatching(/^::error title=rfc-panel::No GitHub token/),
    ]);
  });
});
