import { describe, expect, it } from '@jest/globals';
import { decodeLedger } from '../src/ledger/ledger-codec.js';
import { createHarness, stubEngine, type StubRule } from './helpers/app-harness.js';
import { APP_ID, FakeGitHub } from './helpers/fake-github.js';
import { webhookExample, withOverrides } from './helpers/webhook-examples.js';

const PLAN = [
  '# Session cache', //            1
  '', //                           2
  '## Proposal', //                3
  '1. Add Redis dependency.', //   4
  '2. Cache sessions for a day.', // 5
  '', //                           6
  '## Rollout', //                 7
  'Ship to everyone on Monday.', // 8
].join('\n');

const RULES: StubRule[] = [
  { quote: 'Add Redis dependency', concern: 'redis-fallback', severity: 'critical', title: 'Redis has no failure story' },
  { quote: 'for a day', concern: 'ttl', severity: 'important', title: 'A day-long TTL keeps revoked sessions alive' },
  { missingFromSection: { text: 'monitor', heading: 'Rollout' }, concern: 'monitoring', severity: 'important', title: 'No monitoring for the rollout' },
];

const HEAD = 'c'.repeat(40);

function newPlanPr(github: FakeGitHub, text = PLAN): void {
  github.push(HEAD, { 'docs/rfcs/session-cache.md': text });
}

describe('the GitHub App on an opened pull request', () => {
  it('posts one review with anchored comments, a check run and a sticky summary', async () => {
    const github = new FakeGitHub();
    newPlanPr(github);
    const h = await createHarness({ github, createEngines: async () => [stubEngine(RULES)] });

    await h.opened();

    expect(github.reviews.map((r) => [r.event, r.commit_id])).toEqual([['COMMENT', HEAD]]);
    expect(github.reviewComments.map((c) => [c.path, c.line, c.body.split('\n')[2]])).toEqual([
      ['docs/rfcs/session-cache.md', 4, '**Redis has no failure story**'],
      ['docs/rfcs/session-cache.md', 5, '**A day-long TTL keeps revoked sessions alive**'],
    ]);
    expect(github.reviews[0]!.body).toContain('No monitoring for the rollout');
    expect(github.reviews[0]!.body).toContain(`https://github.com/acme/plans/blob/${HEAD}/docs/rfcs/session-cache.md?plain=1#L7-L8`);
    expect(github.checkRuns.map((c) => [c.name, c.head_sha, c.history, c.conclusion])).toEqual([
      ['rfc-panel', HEAD, ['queued', 'in_progress', 'completed'], 'failure'],
    ]);
    expect(github.checkRuns[0]!.actions).toEqual([
      { label: 'Re-review', description: 'Review what changed since last review', identifier: 'rereview' },
      { label: 'Full re-review', description: 'Review every document whole, no cache', identifier: 'rereview-full' },
    ]);
    expect(github.issueComments).toHaveLength(1);
    const ledger = decodeLedger(github.issueComments[0]!.body);
    expect(ledger?.entries.map((e) => [e.finding.title, e.status, e.threadCommentId !== null])).toEqual([
      ['Redis has no failure story', 'open', true],
      ['A day-long TTL keeps revoked sessions alive', 'open', true],
      ['No monitoring for the rollout', 'open', false],
    ]);
  });

  it('succeeds the check when nothing at the gate is open', async () => {
    const github = new FakeGitHub();
    newPlanPr(github, PLAN.replace('Add Redis dependency.', 'Add an in-process LRU.'));
    const h = await createHarness({ github, createEngines: async () => [stubEngine(RULES)] });

    await h.opened();

    expect(github.checkRuns.map((c) => c.conclusion)).toEqual(['success']);
  });

  it('lists findings on lines outside the diff in the summary with a permalink, never on a wrong line', async () => {
    const github = new FakeGitHub();
    const before = PLAN.replace('Ship to everyone on Monday.', 'Ship later.');
    github.push(HEAD, { 'docs/rfcs/session-cache.md': PLAN }, { 'docs/rfcs/session-cache.md': before });
    // Only line 8 changed: GitHub's diff shows lines 5–8 as the hunk.
    github.files[0]!.patch = '@@ -5,4 +5,4 @@\n 2. Cache sessions for a day.\n \n ## Rollout\n-Ship later.\n+Ship to everyone on Monday.';
    const h = await createHarness({ github, createEngines: async () => [stubEngine(RULES)] });

    await h.opened();

    expect(github.reviewComments.map((c) => c.line)).toEqual([5]);
    expect(github.reviews[0]!.body).toContain(
      `[docs/rfcs/session-cache.md line 4](https://github.com/acme/plans/blob/${HEAD}/docs/rfcs/session-cache.md?plain=1#L4)`,
    );
  });

  it('moves only the comments GitHub refuses (422) into the summary', async () => {
    const github = new FakeGitHub();
    newPlanPr(github);
    github.refuseLines.add('docs/rfcs/session-cache.md:5');
    const h = await createHarness({ github, createEngines: async () => [stubEngine(RULES)] });

    await h.opened();

    expect(github.reviews.map((r) => r.state)).toEqual(['COMMENTED']);
    expect(github.reviewComments.map((c) => c.line)).toEqual([4]);
    expect(github.reviews[0]!.body).toContain('session-cache.md?plain=1#L5');
  });

  it('reviews a redelivered webhook once', async () => {
    const github = new FakeGitHub();
    newPlanPr(github);
    const h = await createHarness({ github, createEngines: async () => [stubEngine(RULES)] });

    await h.opened('opened', { id: 'same-delivery' });
    await h.opened('opened', { id: 'same-delivery' });

    expect(github.reviews).toHaveLength(1);
    expect(github.checkRuns).toHaveLength(1);
  });

  it('posts no second review for a second event on the same head', async () => {
    const github = new FakeGitHub();
    newPlanPr(github);
    const h = await createHarness({ github, createEngines: async () => [stubEngine(RULES)] });

    await h.opened('opened');
    await h.opened('reopened');

    expect(github.reviews).toHaveLength(1);
    expect(github.issueComments).toHaveLength(1);
  });

  it('does not post a review of a head that moved on during the review', async () => {
    const github = new FakeGitHub();
    newPlanPr(github);
    const engine = stubEngine(RULES, () => {
      github.pull.head.sha = 'd'.repeat(40);
    });
    const h = await createHarness({ github, createEngines: async () => [engine] });

    await h.opened();

    expect(github.reviews).toEqual([]);
    expect(github.checkRuns.map((c) => [c.head_sha, c.conclusion, c.output?.title])).toEqual([[HEAD, 'neutral', 'Superseded by ddddddd']]);
  });

  it('fails the check with the key and the problem when the config is invalid, and posts no review', async () => {
    const github = new FakeGitHub();
    newPlanPr(github);
    github.config = 'gate: sometimes\ncaps:\n  critical: -1\nreviwers: {}\n';
    const h = await createHarness({ github, createEngines: async () => [stubEngine(RULES)] });

    await h.opened();

    expect(github.reviews).toEqual([]);
    const run = github.checkRuns[0]!;
    expect([run.conclusion, run.output?.title]).toEqual(['failure', 'Invalid .github/rfc-panel.yml']);
    expect(run.output?.summary).toContain('`gate`');
    expect(run.output?.summary).toContain('`caps.critical`');
    expect(run.output?.summary).toContain('reviwers');
  });

  it('skips drafts unless the config asks for them', async () => {
    const github = new FakeGitHub();
    newPlanPr(github);
    github.pull.draft = true;
    const h = await createHarness({ github, createEngines: async () => [stubEngine(RULES)] });

    await h.opened('opened', { draft: true });

    expect(github.reviews).toEqual([]);
    expect(github.checkRuns.map((c) => [c.conclusion, c.output?.title])).toEqual([['neutral', 'Draft — not reviewed']]);
  });

  it('ignores pull requests opened by bots', async () => {
    const github = new FakeGitHub();
    const h = await createHarness({ github, createEngines: async () => [stubEngine(RULES)] });

    await h.opened('opened', { userType: 'Bot' });

    expect(github.requests).toEqual([]);
  });

  it('asks for changes while a Critical is open when configured, and never approves', async () => {
    const github = new FakeGitHub();
    newPlanPr(github);
    github.config = 'reviewEvent: request-changes\n';
    const h = await createHarness({ github, createEngines: async () => [stubEngine(RULES)] });

    await h.opened();

    expect(github.reviews.map((r) => r.event)).toEqual(['REQUEST_CHANGES']);
    expect(github.requests.filter((r) => /"APPROVE"/.test(JSON.stringify(r.body)))).toEqual([]);
  });

  it('reports no documents as neutral', async () => {
    const github = new FakeGitHub();
    github.push(HEAD, { 'src/index.ts': 'export {}' });
    const h = await createHarness({ github, createEngines: async () => [stubEngine(RULES)] });

    await h.opened();

    expect(github.checkRuns.map((c) => [c.conclusion, c.output?.title])).toEqual([['neutral', 'No plan documents changed']]);
  });

  it('re-runs the review from the check run button without posting a second review', async () => {
    const github = new FakeGitHub();
    newPlanPr(github);
    const h = await createHarness({ github, createEngines: async () => [stubEngine(RULES)] });
    await h.opened();
    const payload = withOverrides(webhookExample('check_run', 'requested_action'), {
      installation: { id: 1 },
      repository: { name: 'plans', full_name: 'acme/plans', owner: { login: 'acme' } },
      requested_action: { identifier: 'rereview' },
      check_run: {
        name: 'rfc-panel',
        head_sha: HEAD,
        app: { id: APP_ID },
        pull_requests: [
          {
            number: 7,
            id: 1,
            url: 'https://api.github.com/repos/acme/plans/pulls/7',
            head: { ref: 'plan', sha: HEAD, repo: { id: 1, name: 'plans', url: 'https://api.github.com/repos/acme/plans' } },
            base: { ref: 'main', sha: 'b'.repeat(40), repo: { id: 1, name: 'plans', url: 'https://api.github.com/repos/acme/plans' } },
          },
        ],
      },
    });

    await h.send('check_run', payload);

    expect(github.reviews).toHaveLength(1);
    expect(github.checkRuns.map((c) => c.status)).toEqual(['completed', 'completed']);
    expect(github.issueComments).toHaveLength(1);
  });
});

describe('the GitHub App on GitHub Enterprise Server', () => {
  it('talks to the GHE REST and GraphQL endpoints', async () => {
    const github = new FakeGitHub({ host: 'http://ghe.example:8080', restPrefix: '/api/v3', graphqlPath: '/api/graphql' });
    newPlanPr(github);
    const h = await createHarness({ github, baseUrl: 'http://ghe.example:8080/api/v3', createEngines: async () => [stubEngine(RULES)] });

    await h.opened();

    expect(github.reviews).toHaveLength(1);
    expect(github.requests.every((r) => r.path.startsWith('/api/v3/') || r.path === '/api/graphql')).toBe(true);
  });
});
