import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { startFakeMessagesApi, type FakeApi, type FakeCall } from '../bench/fake-messages-api.js';
import { diffRevision } from '../src/documents/diff-revision.js';
import { parseDocument } from '../src/documents/parse-document.js';
import { keepChangedFindings } from '../src/engines/claude/keep-changed-findings.js';
import { jobsForEvent } from '../src/events/jobs-for-event.js';
import { lineAnchor } from '../src/findings/make-anchor.js';
import type { DraftFinding } from '../src/findings/schema.js';
import { decodeLedger } from '../src/ledger/ledger-codec.js';
import { createHarness, type Harness } from './helpers/app-harness.js';
import { FakeGitHub } from './helpers/fake-github.js';
import { takeUnmatchedRequests } from './helpers/http-mock.js';
import { webhookExample, withOverrides } from './helpers/webhook-examples.js';
import { type CapturedBody, capture, findingsReply, forPersona, llmFinding, message, persona, personaOf, reviewReply } from './fixtures/claude/messages-api.js';
import { createClaudeEngine } from '../src/engines/claude/create-claude-engine.js';

// A revision costs what changed: after the first full review, a push is reviewed on its changed
// sections only, by the personas they concern, and findings on unchanged text keep their status
// without a call.

const API = 'https://api.anthropic.com';
const PATH = 'docs/rfcs/session-cache.md';
const FIRST = '1'.repeat(40);
const SECOND = '2'.repeat(40);
const THIRD = '3'.repeat(40);
const FAIL_CLOSED = 'If Redis is down, the API fails closed and returns 503 to every login request.';
const FALLS_BACK = 'If Redis is down, the API falls back to Postgres and logs a warning; logins keep working.';
const BIG_BANG: [string, string] = [
  '1. Deploy the cache behind the session_cache flag in every region at once.',
  '2. Enable it for 10% of traffic, then 100% the same day without a soak period.',
];
const STAGED: [string, string] = [
  '1. Deploy the cache behind the session_cache flag in one region first, then the others a day apart.',
  '2. Enable it for 10% of traffic for a week, watching the login error rate, then 50%, then 100%.',
];
const NO_OFF_SWITCH: [string, string] = [BIG_BANG[0], '2. Enable it for 100% of traffic at once; there is no way to turn the cache off again.'];

/** A 26-line plan; the Rollout section is lines 18–21 and its two steps are lines 20–21. */
function plan(rollout: [string, string] = BIG_BANG, failure = FAIL_CLOSED): string {
  return [
    '# Session cache rollout',
    '',
    '## Summary',
    '',
    'We will put a Redis cache in front of the sessions table to cut p99 login latency for every region.',
    '',
    '## Design',
    '',
    'The API reads sessions from Redis first and falls back to Postgres on a miss.',
    'Entries expire after 24 hours and are refreshed on every successful login request.',
    failure, // line 11
    '',
    '## Capacity',
    '',
    'One Redis primary with two replicas holds about 40 GB of session data at peak.',
    'Peak traffic is 12,000 logins per second across all three regions today.',
    '',
    '## Rollout',
    '',
    ...rollout, // lines 20–21
    '',
    '## Monitoring',
    '',
    'We will watch the login dashboard and the Redis memory graph during the rollout.',
    'On-call gets paged when login errors exceed one percent for five minutes.',
  ].join('\n');
}

const billed = (calls: FakeCall[]): number =>
  calls.reduce((sum, c) => sum + c.usage.input_tokens + 1.25 * c.usage.cache_creation_input_tokens + 0.1 * c.usage.cache_read_input_tokens, 0);
const forTool = (name: string) => (body: CapturedBody) => (body.tool_choice as { name?: string } | undefined)?.name === name;
const summaryReply = () =>
  message(
    [{ type: 'tool_use', id: 'toolu_s', name: 'submit_summary', input: { summary: 'Not ready: failing closed on a Redis outage blocks every login.' } }],
    'tool_use',
    {},
  );

/** nock lets loopback through but still reports it as unmatched: drop exactly those reports, so any other escaped request still fails. */
function escaped(): string[] {
  return takeUnmatchedRequests().filter((r) => !/^POST 127\.0\.0\.1(:\d+)?\/v1\/messages/.test(r));
}

async function push(h: Harness, sha: string, text: string): Promise<void> {
  await h.pushed(sha, { [PATH]: text });
}

async function comment(h: Harness, body: string): Promise<void> {
  const github = h.github;
  const c = github.humanIssueComment('alice', body);
  await h.send(
    'issue_comment',
    withOverrides(webhookExample('issue_comment', 'created'), {
      installation: { id: 1 },
      repository: { name: github.repo, full_name: `${github.owner}/${github.repo}`, owner: { login: github.owner } },
      // alice wrote the pull request: her commands are authorised when they are enqueued.
      issue: {
        number: github.pull.number,
        state: 'open',
        user: { login: 'alice' },
        pull_request: { url: `https://api.github.com/repos/${github.owner}/${github.repo}/pulls/${github.pull.number}` },
      },
      comment: { id: c.id, body, user: { login: 'alice', type: 'User' } },
    }),
  );
}

const ledgerOf = (github: FakeGitHub) => decodeLedger(github.issueComments.find((c) => c.user.type === 'Bot')!.body)!;
const statuses = (github: FakeGitHub) => ledgerOf(github).entries.map((e) => [e.finding.concern, e.status]);
const newCommentLines = (github: FakeGitHub, sha: string) => {
  const review = github.reviews.find((r) => r.commit_id === sha);
  return github.reviewComments.filter((c) => review !== undefined && c.pull_request_review_id === review.id).map((c) => c.line);
};

describe('a one-section edit reviewed against the loopback fake Messages API', () => {
  let fake: FakeApi;

  beforeEach(async () => {
    fake = await startFakeMessagesApi({ ttftMs: 0, msPerInputToken: 0, msPerOutputToken: 0, minCacheableTokens: 1024, outputTokensFor: () => 800 });
  });

  afterEach(async () => {
    await fake.close();
  });

  it('costs at most a quarter of the first review’s billed input tokens and comments on no unchanged line', async () => {
    // Arrange: the first full review by every persona the plan engages
    const github = new FakeGitHub();
    github.config = 'engine: claude\n';
    const h = await createHarness({ github, env: { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.url } });
    github.push(FIRST, { [PATH]: plan() });
    await h.opened();
    const first = [...fake.calls];

    // Act: the author rewrites the two steps of the Rollout section (lines 20–21) and pushes
    await push(h, SECOND, plan(STAGED));

    // Assert: billed input = input + 1.25 × cache writes + 0.1 × cache reads, every request of each
    // revision (persona calls, warm-up, verification, summary), both measured in this one run, so the
    // revision may read what the first review cached, as within the API's cache lifetime. (With the
    // cache expired the one call pays its whole prompt: about 0.34× for a plan this small, where the
    // fixed instructions and tool outweigh the document; `npm run bench` reports both on a KEP.)
    const revision = fake.calls.slice(first.length);
    const ratio = billed(revision) / billed(first);
    expect({
      firstRequests: first.length > 5,
      revisionRequests: revision.map((c) => `${c.tool}:${c.persona}`),
      ratioAtMostAQuarter: ratio <= 0.25,
      newCommentsOnUnchangedLines: newCommentLines(github, SECOND).filter((line) => line < 20 || line > 21),
      escaped: escaped(),
    }).toEqual({
      firstRequests: true,
      revisionRequests: ['submit_review:operations'],
      ratioAtMostAQuarter: true,
      newCommentsOnUnchangedLines: [],
      escaped: [],
    });
    expect(github.checkRuns.at(-1)!.output?.summary).toMatch(
      /Model cost of this revision \(incremental review: 1 of \d+ reviewer\(s\) called on the changed sections.*\): [\d,]+ billed input tokens .* — 0\.\d\d× the first review's [\d,]+ billed input tokens/,
    );
  });
});

describe('a revision reviewed incrementally by the Claude engine', () => {
  /** The first review: the Operations persona raises one Critical finding on line 11. */
  async function reviewed(): Promise<{ h: Harness; github: FakeGitHub; id: string; root: number }> {
    const github = new FakeGitHub();
    github.config = 'engine: claude\nreviewers:\n  enable: [operations]\n';
    const h = await createHarness({ github, env: { ANTHROPIC_API_KEY: 'test-key' } });
    github.push(FIRST, { [PATH]: plan() });
    nock(API)
      .post('/v1/messages', forTool('submit_review'))
      .reply(200, findingsReply([llmFinding({ quote: FAIL_CLOSED })]))
      .post('/v1/messages', forTool('submit_summary'))
      .reply(200, summaryReply());
    await h.opened();
    const root = github.reviewComments.find((c) => c.in_reply_to_id === undefined)!;
    return { h, github, id: ledgerOf(github).entries[0]!.finding.id, root: root.id };
  }

  it('raises a new problem the edit introduces, on the changed line, from a prompt that shows only the changed section', async () => {
    // Arrange
    const { h, github } = await reviewed();
    const seen: CapturedBody[] = [];
    nock(API)
      .post('/v1/messages', forTool('submit_review'))
      .reply(
        200,
        capture(
          seen,
          findingsReply([
            llmFinding({
              title: 'Nothing can turn the cache off once it is at 100%',
              severity: 'important',
              quote: NO_OFF_SWITCH[1],
              section: 'Rollout',
              concern: 'no-kill-switch',
            }),
          ]),
        ),
      );

    // Act
    await push(h, SECOND, plan(NO_OFF_SWITCH));

    // Assert: one call (no verification call: the open finding on line 11 did not change)
    const documentBlock = seen[0]!.system[1]!.text;
    expect({
      calls: seen.length,
      changed: /Changed in this revision: (.*)\./.exec(documentBlock)?.[1],
      showsRollout: documentBlock.includes(`21 | ${NO_OFF_SWITCH[1]}`),
      showsDesign: documentBlock.includes(FAIL_CLOSED),
      newComments: newCommentLines(github, SECOND),
      statuses: statuses(github),
    }).toEqual({
      calls: 1,
      changed: 'line 21',
      showsRollout: true,
      showsDesign: false,
      newComments: [21],
      statuses: [
        ['redis-fallback', 'open'],
        ['no-kill-switch', 'open'],
      ],
    });
  });

  it('verifies a fix on changed text inside the review call and resolves its thread', async () => {
    // Arrange
    const { h, github, id, root } = await reviewed();
    const seen: CapturedBody[] = [];
    nock(API)
      .post('/v1/messages', forTool('submit_review'))
      .reply(200, capture(seen, reviewReply({ findings: [], verdicts: [{ id, evidence_quote: FALLS_BACK, missing: null, verdict: 'addressed' }] })));

    // Act
    await push(h, SECOND, plan(BIG_BANG, FALLS_BACK));

    // Assert
    expect({
      asked: String(seen[0]!.messages[0]!.content).includes(`Also verify the open findings ${id} against the text as it reads now`),
      resolved: github.thread(root).resolved,
      reply: github.thread(root).replies.at(-1)?.split('\n')[0],
      statuses: statuses(github),
    }).toEqual({
      asked: true,
      resolved: true,
      reply: `✅ Addressed in \`2222222\`: “${FALLS_BACK}” (line 11). Resolving this thread.`,
      statuses: [['redis-fallback', 'addressed']],
    });
  });

  it('pays nothing for a section whose text it reviewed before: a reverted fix comes back as regressed from the section cache', async () => {
    // Arrange: fixed on the second revision…
    const { h, github, id } = await reviewed();
    nock(API)
      .post('/v1/messages', forTool('submit_review'))
      .reply(200, reviewReply({ findings: [], verdicts: [{ id, evidence_quote: FALLS_BACK, missing: null, verdict: 'addressed' }] }));
    await push(h, SECOND, plan(BIG_BANG, FALLS_BACK));

    // Act: …and reverted on the third (no Messages API request is mocked: any would fail the test)
    await push(h, THIRD, plan(BIG_BANG, FAIL_CLOSED));

    // Assert
    expect({ statuses: statuses(github), cost: ledgerOf(github).revisions.at(-1)!.review }).toEqual({
      statuses: [['redis-fallback', 'regressed']],
      cost: {
        mode: 'incremental',
        partial: false,
        usage: { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0 },
      },
    });
  });

  it('calls no reviewer when the head did not change since the last review', async () => {
    // Arrange
    const { h, github } = await reviewed();

    // Act: `/rfc-panel review` on the same head (no Messages API request is mocked)
    await comment(h, '/rfc-panel review');

    // Assert
    expect([github.checkRuns.filter((c) => c.head_sha === FIRST).length, statuses(github)]).toEqual([2, [['redis-fallback', 'open']]]);
    expect(github.checkRuns.at(-1)!.output?.summary).toContain('did not change since `1111111`: its findings keep their status and no reviewer was called.');
  });

  it('reviews the whole document again, bypassing the cache, on `/rfc-panel review --full`', async () => {
    // Arrange
    const { h, github, id } = await reviewed();
    const seen: CapturedBody[] = [];
    nock(API)
      .post('/v1/messages', forTool('submit_review'))
      .reply(200, capture(seen, findingsReply([llmFinding({ quote: FAIL_CLOSED })])))
      .post('/v1/messages', forTool('submit_summary'))
      .reply(200, summaryReply())
      .post('/v1/messages', forTool('submit_verification'))
      .reply(
        200,
        message(
          [
            {
              type: 'tool_use',
              id: 'toolu_v',
              name: 'submit_verification',
              input: { verdicts: [{ id, evidence_quote: null, missing: 'line 11 still fails closed', verdict: 'not-addressed' }] },
            },
          ],
          'tool_use',
          {},
        ),
      );

    // Act
    await comment(h, '/rfc-panel review --full');

    // Assert: the whole numbered document, every line, and a full review on record
    expect([
      seen[0]!.system[1]!.text.includes(`  5 | We will put a Redis cache`) && seen[0]!.system[1]!.text.includes(`26 | On-call gets paged`),
      ledgerOf(github).revisions.at(-1)!.review?.mode,
    ]).toEqual([true, 'full']);
  });
});

describe('what counts as the change', () => {
  it('marks rewritten lines, and the line standing where text was deleted', () => {
    // Arrange
    const before = plan(BIG_BANG);
    const rewritten = parseDocument(PATH, plan(STAGED));
    const deleted = parseDocument(PATH, before.replace('Peak traffic is 12,000 logins per second across all three regions today.\n', ''));

    // Act
    const results = [diffRevision(before, rewritten), diffRevision(before, deleted)].map((d) => [d.changed, d.changedLines, d.totalLines]);

    // Assert
    expect(results).toEqual([
      [[{ startLine: 20, endLine: 21 }], 2, 26],
      [[{ startLine: 16, endLine: 16 }], 1, 26],
    ]);
  });

  it('keeps a finding on unchanged text only when changed text causes it, and moves it onto that text', () => {
    // Arrange
    const doc = parseDocument(PATH, plan(NO_OFF_SWITCH));
    const draft = (line: number, concern: string): DraftFinding => ({
      engine: 'claude',
      concern,
      ruleId: null,
      personas: ['operations'],
      severity: 'important',
      title: concern,
      body: 'Why.',
      recommendation: 'should',
      suggestion: null,
      anchor: lineAnchor(doc, line),
    });

    // Act
    const result = keepChangedFindings(
      doc,
      doc.lines,
      [
        { draft: draft(21, 'on-the-change'), causedBy: null },
        { draft: draft(25, 'caused-by-the-change'), causedBy: NO_OFF_SWITCH[1] },
        { draft: draft(15, 'old-text'), causedBy: null },
      ],
      [{ startLine: 21, endLine: 21 }],
    );

    // Assert
    expect([result.kept.map((f) => [f.concern, f.anchor.startLine, f.body]), result.dropped]).toEqual([
      [
        ['on-the-change', 21, 'Why.'],
        [
          'caused-by-the-change',
          21,
          'Why.\n\n_Caused by this change; it concerns line 25: “We will watch the login dashboard and the Redis memory graph during the rollout.”_',
        ],
      ],
      1,
    ]);
  });

  it('asks for a full review from the command with --full and from the Full re-review button', () => {
    // Arrange
    const repository = { name: 'plans', full_name: 'acme/plans', owner: { login: 'acme' } };
    const pr = {
      number: 7,
      id: 1,
      url: 'https://api.github.com/repos/acme/plans/pulls/7',
      head: { ref: 'plan', sha: FIRST, repo: { id: 1, name: 'plans', url: 'https://api.github.com/repos/acme/plans' } },
      base: { ref: 'main', sha: 'b'.repeat(40), repo: { id: 1, name: 'plans', url: 'https://api.github.com/repos/acme/plans' } },
    };
    const button = (identifier: string) =>
      withOverrides(webhookExample('check_run', 'requested_action'), {
        installation: { id: 1 },
        repository,
        requested_action: { identifier },
        check_run: { name: 'rfc-panel', head_sha: FIRST, pull_requests: [pr] },
      });
    const said = (body: string) =>
      withOverrides(webhookExample('issue_comment', 'created'), {
        installation: { id: 1 },
        repository,
        issue: { number: 7, state: 'open', pull_request: { url: pr.url } },
        comment: { id: 5, body, user: { login: 'alice', type: 'User' } },
      });

    // Act
    const full = (name: string, payload: unknown) => jobsForEvent({ id: 'd', name, payload }).jobs.map((j) => (j.kind === 'review' ? j.full === true : null));

    // Assert
    expect([
      full('check_run', button('rereview')),
      full('check_run', button('rereview-full')),
      full('issue_comment', said('/rfc-panel review')),
      full('issue_comment', said('/rfc-panel review --full')),
    ]).toEqual([[false], [true], [false], [true]]);
  });
});

describe('the prompt of an incremental review', () => {
  it('is one shared prefix, byte for byte, for every persona called, with what differs in the persona’s turn', async () => {
    // Arrange: the Rollout and Capacity sections both change; two personas own them
    const before = plan();
    const after = parseDocument(PATH, before.replace(BIG_BANG[1], NO_OFF_SWITCH[1]).replace('Peak traffic is 12,000', 'Peak traffic is 30,000'));
    const ops = { ...persona('ops'), focus: 'Rollout, rollback and alerts.', engage: { always: true, triggers: [], minMatches: 1 } };
    const capacity = { ...persona('capacity'), focus: 'Capacity, traffic and replicas.', engage: { always: false, triggers: ['replicas'], minMatches: 1 } };
    const idle = { ...persona('idle'), focus: 'Payments and refunds.', engage: { always: false, triggers: ['refund'], minMatches: 1 } };
    const seen: CapturedBody[] = [];
    nock(API)
      .post('/v1/messages', forPersona('ops'))
      .reply(200, capture(seen, findingsReply([])))
      .post('/v1/messages', forPersona('capacity'))
      .reply(200, capture(seen, findingsReply([])));
    const engine = createClaudeEngine({ apiKey: 'test-key', env: {}, warmCache: 'off', maxRetries: 0 });

    // Act
    const result = await engine.review({
      document: after,
      personas: [ops, capacity, idle],
      revision: { changed: diffRevision(before, after).changed, open: [], cache: new Map(), known: new Map() },
    });

    // Assert
    const [a, b] = [seen.find((s) => personaOf(s) === 'ops')!, seen.find((s) => personaOf(s) === 'capacity')!];
    expect({
      samePrefix: JSON.stringify([a.tools, a.system]) === JSON.stringify([b.tools, b.system]),
      breakpoints: a.system.map((s) => s.cache_control !== undefined),
      asked: [a, b].map((s) => /Review only what changed in this revision \(([^)]*)\)/.exec(String(s.messages[0]!.content))?.[1]),
      runs: result.runs.map((r) => [r.persona, r.status]),
    }).toEqual({
      samePrefix: true,
      breakpoints: [true, true],
      asked: ['line 21', 'line 16'],
      runs: [
        ['ops', 'ok'],
        ['capacity', 'ok'],
        ['idle', 'skipped'],
      ],
    });
  });
});
