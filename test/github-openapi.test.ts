import { beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { Octokit } from '@octokit/rest';
import type { Context } from 'probot';
import { takeOpenApiProblems, validateGitHubRequest, watchGitHubRequests } from './helpers/github-openapi.js';
import { createTestProbot, githubApi, mockInstallationToken } from './helpers/github-mock.js';
import { pullRequestPayload, webhookExample, withOverrides } from './helpers/webhook-examples.js';

const reviewComment = { path: 'docs/rfc.md', body: 'Which limit applies per tenant?', line: 12, side: 'RIGHT' };

describe("GitHub's OpenAPI description as a check on outgoing requests", () => {
  it('accepts a batched review with a COMMENT event and line comments', () => {
    const request = { method: 'POST', path: '/repos/o/r/pulls/1/reviews', body: { event: 'COMMENT', body: 'Panel review', comments: [reviewComment] } };

    const problems = validateGitHubRequest(request);

    expect(problems).toEqual([]);
  });

  it('rejects a review whose event is not one GitHub knows, naming the field', () => {
    const request = { method: 'POST', path: '/repos/o/r/pulls/1/reviews', body: { event: 'LGTM', body: 'Panel review', comments: [reviewComment] } };

    const problems = validateGitHubRequest(request);

    expect(problems).toEqual([expect.stringContaining('body/event must be equal to one of the allowed values')]);
    expect(problems[0]).toContain('"LGTM"');
  });

  it('rejects a review comment whose line is a string, naming the field', () => {
    const request = {
      method: 'POST',
      path: '/repos/o/r/pulls/1/reviews',
      body: { event: 'COMMENT', body: 'Panel review', comments: [{ ...reviewComment, line: '12' }] },
    };

    const problems = validateGitHubRequest(request);

    expect(problems).toEqual([expect.stringContaining('body/comments/0/line must be integer')]);
  });

  it('rejects a review comment property that the reviews endpoint does not take', () => {
    const request = {
      method: 'POST',
      path: '/repos/o/r/pulls/1/reviews',
      body: { event: 'COMMENT', body: 'x', comments: [{ path: 'a.md', body: 'b', subject_type: 'file' }] },
    };

    const problems = validateGitHubRequest(request);

    expect(problems).toEqual([expect.stringContaining('body/comments/0/subject_type is not a property the API knows')]);
  });

  it('accepts a check run created with a name, head sha and status', () => {
    const request = { method: 'POST', path: '/repos/o/r/check-runs', body: { name: 'rfc-panel', head_sha: 'a'.repeat(40), status: 'in_progress' } };

    const problems = validateGitHubRequest(request);

    expect(problems).toEqual([]);
  });

  it("rejects a check run whose status is 'done'", () => {
    const request = { method: 'POST', path: '/repos/o/r/check-runs', body: { name: 'rfc-panel', head_sha: 'a'.repeat(40), status: 'done' } };

    const problems = validateGitHubRequest(request);

    expect(problems.some((p) => p.startsWith('body/status must be equal to one of the allowed values'))).toBe(true);
  });

  it('rejects a path that no GitHub operation has', () => {
    const problems = validateGitHubRequest({ method: 'GET', path: '/repos/o/r/pulls/1/reviewz' });

    expect(problems).toEqual([expect.stringContaining('no GitHub REST operation matches')]);
  });

  it('rejects a method that the path does not document', () => {
    const problems = validateGitHubRequest({ method: 'DELETE', path: '/repos/o/r/pulls/1' });

    expect(problems).toEqual([expect.stringContaining('DELETE is not defined for /repos/{owner}/{repo}/pulls/{pull_number}')]);
  });

  it('accepts a GitHub Enterprise Server GET under /api/v3', () => {
    const problems = validateGitHubRequest({ method: 'GET', path: '/api/v3/repos/o/r/pulls/1' });

    expect(problems).toEqual([]);
  });

  it('checks query parameters and path parameter types', () => {
    const valid = validateGitHubRequest({ method: 'GET', path: '/repos/o/r/pulls/1/files?per_page=100&page=2' });
    const invalid = validateGitHubRequest({ method: 'GET', path: '/repos/o/r/pulls/one/files?per_pag=100' });

    expect(valid).toEqual([]);
    expect(invalid).toEqual([
      'path parameter pull_number must be an integer (got "one")',
      expect.stringContaining('query parameter per_pag is not documented'),
    ]);
  });

  it('prefers a literal segment over a parameter and accepts encoded content paths', () => {
    const comments = validateGitHubRequest({ method: 'GET', path: '/repos/o/r/pulls/comments' });
    const config = validateGitHubRequest({ method: 'GET', path: '/repos/o/r/contents/.github%2Frfc-panel.yml' });
    const rawSlashes = validateGitHubRequest({ method: 'GET', path: '/repos/o/r/contents/docs/rfcs/one.md?ref=main' });

    expect([comments, config, rawSlashes]).toEqual([[], [], []]);
  });

  it('accepts GraphQL with a query string and rejects it without one', () => {
    const valid = validateGitHubRequest({ method: 'POST', path: '/graphql', body: JSON.stringify({ query: 'query { viewer { login } }', variables: {} }) });
    const gheValid = validateGitHubRequest({ method: 'POST', path: '/api/graphql', body: { query: 'query { viewer { login } }' } });
    const invalid = validateGitHubRequest({ method: 'POST', path: '/graphql', body: { variables: {} } });

    expect([valid, gheValid]).toEqual([[], []]);
    expect(invalid).toEqual([expect.stringContaining('"query" string')]);
  });

  it('handles empty, non-JSON and unexpected bodies', () => {
    const emptyGet = validateGitHubRequest({ method: 'GET', path: '/repos/o/r/pulls/1', body: '' });
    const notJson = validateGitHubRequest({ method: 'POST', path: '/repos/o/r/check-runs', body: 'name=x' });
    const markdownText = validateGitHubRequest({ method: 'POST', path: '/markdown/raw', body: '# Title', contentType: 'text/plain; charset=utf-8' });
    const bodyOnGet = validateGitHubRequest({ method: 'GET', path: '/repos/o/r/pulls/1', body: { state: 'open' } });

    expect(emptyGet).toEqual([]);
    expect(notJson).toEqual([expect.stringContaining('not valid JSON')]);
    expect(markdownText).toEqual([]);
    expect(bodyOnGet).toEqual([expect.stringContaining('takes no request body (got keys: state)')]);
  });
});

describe('the nock hook', () => {
  beforeAll(() => {
    watchGitHubRequests();
  });

  it('collects no problem for a valid Octokit call and one for an invalid call', async () => {
    nock('https://api.github.com')
      .get('/repos/o/r/pulls/1')
      .reply(200, { number: 1 })
      .get('/repos/o/r/pulls/1/files')
      .query({ per_page: '100' })
      .reply(200, [])
      .post('/repos/o/r/check-runs')
      .reply(201, { id: 1 });
    const octokit = new Octokit({ auth: 'test-token' });

    await octokit.rest.pulls.get({ owner: 'o', repo: 'r', pull_number: 1 });
    await octokit.rest.pulls.listFiles({ owner: 'o', repo: 'r', pull_number: 1, per_page: 100 });
    const afterValidCall = takeOpenApiProblems();
    // 'done' is not a check-run status; the mock answers anyway, as a lenient fake would.
    await octokit.rest.checks.create({ owner: 'o', repo: 'r', name: 'rfc-panel', head_sha: 'a'.repeat(40), status: 'done' as 'completed' });
    const afterInvalidCall = takeOpenApiProblems();

    expect(afterValidCall).toEqual([]);
    expect(afterInvalidCall).toEqual([
      expect.stringMatching(/^POST api\.github\.com\/repos\/o\/r\/check-runs: body\/status must be equal to one of the allowed values/),
    ]);
  });

  it('checks a GitHub Enterprise Server host by its /api/v3 prefix and ignores other hosts', async () => {
    nock('http://ghe.local:8080').patch('/api/v3/repos/o/r/check-runs/5').reply(200, { id: 5 });
    nock('https://example.com').post('/hook').reply(204);
    const octokit = new Octokit({ auth: 'test-token', baseUrl: 'http://ghe.local:8080/api/v3' });

    await octokit.rest.checks.update({ owner: 'o', repo: 'r', check_run_id: 5, conclusion: 'succes' as 'success' });
    await fetch('https://example.com/hook', { method: 'POST', body: 'not json' });

    expect(takeOpenApiProblems()).toEqual([
      expect.stringMatching(/^PATCH ghe\.local:8080\/api\/v3\/repos\/o\/r\/check-runs\/5: body\/conclusion must be equal to/),
    ]);
  });
});

describe('a Probot app receiving a real webhook payload', () => {
  beforeAll(() => {
    watchGitHubRequests();
  });

  const reviewOnOpen = async (context: Context<'pull_request.opened'>): Promise<void> => {
    await context.octokit.rest.checks.create(context.repo({ name: 'rfc-panel', head_sha: context.payload.pull_request.head.sha, status: 'in_progress' }));
    await context.octokit.rest.pulls.createReview(context.pullRequest({ event: 'COMMENT', body: 'Panel review', comments: [reviewComment] }));
    await context.octokit.graphql('query($id: ID!) { node(id: $id) { id } }', { id: 'PR_1' });
  };

  it('sends only requests that match the OpenAPI description, installation token included', async () => {
    const payload = pullRequestPayload('opened', { owner: 'o', repo: 'r', number: 3, headSha: 'b'.repeat(40), installationId: 42 });
    const scope = mockInstallationToken(githubApi(), 42)
      .post('/repos/o/r/check-runs')
      .reply(201, { id: 9 })
      .post('/repos/o/r/pulls/3/reviews')
      .reply(200, { id: 10 })
      .post('/graphql')
      .reply(200, { data: { node: { id: 'PR_1' } } });
    const probot = await createTestProbot((app) => {
      app.on('pull_request.opened', reviewOnOpen);
    });

    await probot.receive({ id: 'delivery-1', name: 'pull_request', payload });

    expect(scope.isDone()).toBe(true);
    expect(takeOpenApiProblems()).toEqual([]);
  });

  it('checks the same app against GitHub Enterprise Server at /api/v3 and /api/graphql', async () => {
    const payload = pullRequestPayload('opened', { number: 4, installationId: 7 });
    const rest = mockInstallationToken(githubApi('http://ghe.local:8080/api/v3'), 7)
      .post('/repos/o/r/check-runs')
      .reply(201, { id: 9 })
      .post('/repos/o/r/pulls/4/reviews')
      .reply(200, { id: 10 });
    const graphql = githubApi('http://ghe.local:8080')
      .post('/api/graphql')
      .reply(200, { data: { node: { id: 'PR_1' } } });
    const probot = await createTestProbot(
      (app) => {
        app.on('pull_request.opened', reviewOnOpen);
      },
      { baseUrl: 'http://ghe.local:8080/api/v3' },
    );

    const started = performance.now();
    await probot.receive({ id: 'delivery-2', name: 'pull_request', payload });
    const elapsedMs = performance.now() - started;

    expect([rest.isDone(), graphql.isDone()]).toEqual([true, true]);
    // Three writes would take >= 2 s if Probot's throttling were still on (see UnthrottledProbotOctokit).
    expect(elapsedMs).toBeLessThan(1500);
    expect(takeOpenApiProblems()).toEqual([]);
  });
});

describe('webhook examples', () => {
  it('returns a real pull_request.opened payload with a number', () => {
    const payload = webhookExample('pull_request', 'opened');

    expect(payload.action).toBe('opened');
    expect(typeof payload.number).toBe('number');
    expect(typeof payload.pull_request.head.sha).toBe('string');
  });

  it('returns a copy, so changing one does not change the next', () => {
    const first = webhookExample('pull_request', 'opened');
    first.number = 999;

    const second = webhookExample('pull_request', 'opened');

    expect(second.number).not.toBe(999);
  });

  it('names what exists when an example is missing', () => {
    expect(() => webhookExample('pull_request', 'edited')).toThrow(/no "pull_request\.edited" example.*opened/);
    expect(() => webhookExample('pull_requests')).toThrow(/no "pull_requests" event/);
  });

  it('deep-merges overrides and deletes keys set to undefined', () => {
    const base = webhookExample('pull_request', 'opened');

    const payload = withOverrides(base, { pull_request: { draft: true, head: { sha: 'abc' } }, sender: { type: 'Bot' }, repository: undefined });

    expect(payload.pull_request.draft).toBe(true);
    expect(payload.pull_request.head.sha).toBe('abc');
    expect(payload.pull_request.head.ref).toBe(base.pull_request.head.ref);
    expect(payload.sender).toEqual({ ...base.sender, type: 'Bot' });
    expect(payload.repository).toBeUndefined();
    expect(base.pull_request.draft).toBe(false);
  });

  it('builds a pull_request payload with consistent repository, number, sha and installation', () => {
    const payload = pullRequestPayload('synchronize', {
      owner: 'acme',
      repo: 'plans',
      number: 7,
      headSha: 'f'.repeat(40),
      draft: true,
      userType: 'Bot',
      installationId: 42,
    });

    expect({
      number: payload.number,
      prNumber: payload.pull_request.number,
      fullName: payload.repository.full_name,
      owner: payload.repository.owner.login,
      headRepo: payload.pull_request.head.repo.full_name,
      sha: payload.pull_request.head.sha,
      draft: payload.pull_request.draft,
      sender: payload.sender.type,
      installation: payload.installation.id,
    }).toEqual({
      number: 7,
      prNumber: 7,
      fullName: 'acme/plans',
      owner: 'acme',
      headRepo: 'acme/plans',
      sha: 'f'.repeat(40),
      draft: true,
      sender: 'Bot',
      installation: 42,
    });
  });
});
