import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { decodeLedger } from '../src/ledger/ledger-codec.js';
import { marker } from '../src/github/markers.js';
import { createHarness, type Harness, replyInThread } from './helpers/app-harness.js';
import { FakeGitHub } from './helpers/fake-github.js';
import { type CapturedBody, capture, findingsReply, llmFinding, message } from './fixtures/claude/messages-api.js';

// A Claude-raised finding followed through the GitHub App: the persona answers in its thread, and
// the next revision's verification call decides it is fixed, with the evidence quoted and located.

const API = 'https://api.anthropic.com';
const PATH = 'docs/rfcs/session-cache.md';
const FIRST = '1'.repeat(40);
const SECOND = '2'.repeat(40);
const FAIL_CLOSED = 'If Redis is down, the API fails closed and returns 503 to every login request.';

function plan(fixed: boolean): string {
  return [
    '# Session cache rollout', //                                                          1
    '', //                                                                                 2
    '## Summary', //                                                                       3
    '', //                                                                                 4
    'We will put a **Redis** cache in front of the `sessions` table to cut p99 login latency.', // 5
    '', //                                                                                 6
    '## Design', //                                                                        7
    '', //                                                                                 8
    'The API reads sessions from Redis first and falls back to Postgres on a miss.', //   9
    ...(fixed ? ['If Redis is down, the API falls back to Postgres and logs a warning;', 'logins keep working at the old latency.'] : [FAIL_CLOSED]), // 10(–11)
    '',
    '## Rollout',
    '',
    '1. Deploy the cache behind the `session_cache` flag.',
    '2. Enable it for 10% of traffic, then 100% the same day.',
  ].join('\n');
}

const forTool = (name: string) => (body: CapturedBody) => (body.tool_choice as { name?: string } | undefined)?.name === name;

const CONCESSION = {
  answer: 'You are right: line 9 already sends reads to Postgres when Redis misses.',
  withdraw: true,
  covered_by_quote: 'The API reads sessions from Redis first and falls back to Postgres on a miss.',
};

function toolReply(name: string, input: unknown): Record<string, unknown> {
  return message([{ type: 'tool_use', id: 'toolu_01', name, input }], 'tool_use', {});
}

/** Opens the PR and lets the Claude engine (faked Messages API) raise one Critical finding on line 10. */
async function reviewed(): Promise<{ h: Harness; github: FakeGitHub; root: number; id: string }> {
  const github = new FakeGitHub();
  github.config = 'engine: claude\nreviewers:\n  enable: [operations]\n';
  const h = await createHarness({ github, env: { ANTHROPIC_API_KEY: 'test-key' } });
  github.push(FIRST, { [PATH]: plan(false) });
  nock(API)
    .post('/v1/messages', forTool('submit_review'))
    .reply(200, findingsReply([llmFinding({ quote: FAIL_CLOSED })]))
    .post('/v1/messages', forTool('submit_summary'))
    .reply(200, toolReply('submit_summary', { summary: 'Not ready: failing closed on a Redis outage blocks every login.' }));
  await h.opened();
  const root = github.reviewComments.find((c) => c.in_reply_to_id === undefined)!;
  expect([root.line, root.body.split('\n')[2]]).toEqual([10, '**Failing closed on a Redis outage blocks every login**']);
  return { h, github, root: root.id, id: decodeLedger(github.issueComments[0]!.body)!.entries[0]!.finding.id };
}

async function push(h: Harness, sha: string, text: string): Promise<void> {
  await h.pushed(sha, { [PATH]: text });
}

function statuses(github: FakeGitHub): Array<[string, string, string | null]> {
  return decodeLedger(github.issueComments[0]!.body)!.entries.map((e) => [e.finding.concern, e.status, e.history.at(-1)!.note]);
}

describe('a Claude-raised finding followed by the Claude assistant', () => {
  it('answers a question in the persona’s voice, sanitised, then verifies the fix on the next revision and resolves the thread', async () => {
    // Arrange
    const { h, github, root, id } = await reviewed();
    const answers: CapturedBody[] = [];
    const verifications: CapturedBody[] = [];
    nock(API)
      .post('/v1/messages', forTool('submit_intent'))
      .reply(200, toolReply('submit_intent', { intent: 'question', reason: null }))
      .post('/v1/messages', forTool('submit_answer'))
      .reply(
        200,
        capture(
          answers,
          toolReply('submit_answer', {
            answer:
              'Line 10 says “the API fails closed and returns 503 to every login request”, so a cache outage becomes a login outage for @everyone. Falling back to Postgres keeps logins working.',
            withdraw: false,
          }),
        ),
      );

    // Act 1: a question in the thread
    const question = await replyInThread(h, root, 'alice', 'Is this really critical? Redis is highly available here.');

    // Assert 1: the persona's answer, with the mention neutralised and the thread left open
    expect(github.thread(root).replies.at(-1)).toEqual(
      `Line 10 says “the API fails closed and returns 503 to every login request”, so a cache outage becomes a login outage for @\u200Beveryone. Falling back to Postgres keeps logins working.\n\n${marker.reply(id, `question-${question}`)}`,
    );
    expect(answers[0]!.messages[0]!.content).toEqual(expect.stringContaining('Is this really critical? Redis is highly available here.\n<<<END REPLY '));
    expect(answers[0]!.system[1]!.text).toContain(`10 | ${FAIL_CLOSED}`);
    expect(statuses(github)).toEqual([['redis-fallback', 'open', null]]);

    // Arrange 2: the next revision fixes it; the panel has nothing new and the verification call quotes the fix
    nock(API)
      .post('/v1/messages', forTool('submit_review'))
      .reply(200, findingsReply([]))
      .post('/v1/messages', forTool('submit_verification'))
      .reply(
        200,
        capture(
          verifications,
          toolReply('submit_verification', {
            verdicts: [
              {
                id,
                evidence_quote: 'If Redis is down, the API falls back to Postgres and logs a warning;\nlogins keep working at the old latency.',
                missing: null,
                verdict: 'addressed',
              },
            ],
          }),
        ),
      );

    // Act 2
    await push(h, SECOND, plan(true));

    // Assert 2
    expect(github.thread(root).replies.at(-1)).toEqual(
      `✅ Addressed in \`2222222\`: “If Redis is down, the API falls back to Postgres and logs a warning; logins keep working at the old latency.” (lines 10–11). Resolving this thread.\n\n${marker.reply(id, 'addressed-2222222')}`,
    );
    expect(github.thread(root).resolved).toBe(true);
    expect(statuses(github)).toEqual([
      ['redis-fallback', 'addressed', '“If Redis is down, the API falls back to Postgres and logs a warning; logins keep working at the old latency.”'],
    ]);
    expect(verifications[0]!.messages[0]!.content).toEqual(expect.stringContaining(`"id": "${id}"`));
    expect(github.checkRuns.filter((c) => c.head_sha === SECOND).map((c) => c.conclusion)).toEqual(['success']);
  });

  it('checks an author’s “fixed” claim with the model: not yet on the old text, verified and resolved on the new head', async () => {
    // Arrange
    const { h, github, root, id } = await reviewed();
    nock(API)
      .post('/v1/messages', forTool('submit_verification'))
      .reply(
        200,
        toolReply('submit_verification', {
          verdicts: [{ id, evidence_quote: null, missing: 'line 10 still fails closed with a 503', verdict: 'not-addressed' }],
        }),
      )
      .post('/v1/messages', forTool('submit_verification'))
      .reply(
        200,
        toolReply('submit_verification', {
          verdicts: [{ id, evidence_quote: 'If Redis is down, the API falls back to Postgres and logs a warning;', missing: null, verdict: 'addressed' }],
        }),
      );

    // Act 1: claimed before the fix is pushed
    await replyInThread(h, root, 'alice', 'Fixed, it falls back to Postgres now.');

    // Assert 1
    expect(github.thread(root).replies.at(-1)).toMatch(
      /^⏳ Checked `1111111`: not fixed yet — line 10 still fails closed with a 503\. If the fix is in a commit you have not pushed yet/,
    );
    expect(github.thread(root).resolved).toBe(false);

    // Act 2: the push lands (its webhook not yet processed) and the author says so again
    github.push(SECOND, { [PATH]: plan(true) });
    await replyInThread(h, root, 'alice', 'Fixed, it falls back to Postgres now.');

    // Assert 2
    expect(github.thread(root).replies.at(-1)).toMatch(
      /^✅ Verified at `2222222`: “If Redis is down, the API falls back to Postgres and logs a warning;” \(line 10\)\. Resolving this thread\./,
    );
    expect(github.thread(root).resolved).toBe(true);
    expect(statuses(github)).toEqual([['redis-fallback', 'addressed', '“If Redis is down, the API falls back to Postgres and logs a warning;”']]);
  });

  it('withdraws the finding when the persona concedes to a maintainer with a quote from the plan', async () => {
    // Arrange
    const { h, github, root, id } = await reviewed();
    github.permissions.set('maria', 'write');
    nock(API)
      .post('/v1/messages', forTool('submit_intent'))
      .reply(200, toolReply('submit_intent', { intent: 'disagreement', reason: null }))
      .post('/v1/messages', forTool('submit_answer'))
      .reply(200, toolReply('submit_answer', CONCESSION));

    // Act
    const comment = await replyInThread(h, root, 'maria', 'I disagree: reads already go to Postgres when Redis misses.');

    // Assert
    expect(github.thread(root).replies.at(-1)).toEqual(
      `You are right: line 9 already sends reads to Postgres when Redis misses.\n\nThe document covers this at line 9: “The API reads sessions from Redis first and falls back to Postgres on a miss.”\n\n↩️ Withdrawn by the reviewer. Resolving this thread.\n\n${marker.reply(id, `conceded-${comment}`)}`,
    );
    expect(github.thread(root).resolved).toBe(true);
    expect(statuses(github)).toEqual([
      [
        'redis-fallback',
        'withdrawn',
        'You are right: line 9 already sends reads to Postgres when Redis misses. The document covers this at line 9: “The API reads sessions from Redis first and falls back to Postgres on a miss.”',
      ],
    ]);
  });

  it('keeps a Critical finding open when the persona concedes to someone who may not settle it', async () => {
    // Arrange: alice is the author without write access; accepting a Critical needs write access
    const { h, github, root } = await reviewed();
    nock(API)
      .post('/v1/messages', forTool('submit_intent'))
      .reply(200, toolReply('submit_intent', { intent: 'disagreement', reason: null }))
      .post('/v1/messages', forTool('submit_answer'))
      .reply(200, toolReply('submit_answer', CONCESSION));

    // Act
    await replyInThread(h, root, 'alice', 'I disagree: reads already go to Postgres when Redis misses.');

    // Assert
    expect(github.thread(root).replies.at(-1)).toMatch(
      /\n\nThe finding stays open: only the pull request author or someone with write access can settle it\.\n\n<!-- rfc-panel:reply /,
    );
    expect(github.thread(root).resolved).toBe(false);
    expect(statuses(github)).toEqual([['redis-fallback', 'open', null]]);
  });

  it('asks for an explicit decision instead of recording a risk the model read into a reply', async () => {
    // Arrange: the rules see nothing in particular; the model reads a won't-fix
    const { h, github, root } = await reviewed();
    github.permissions.set('maria', 'write');
    nock(API)
      .post('/v1/messages', forTool('submit_intent'))
      .reply(200, toolReply('submit_intent', { intent: 'wont-fix', reason: 'beta users only' }));

    // Act
    await replyInThread(h, root, 'maria', "Let's live with this for the beta users.");

    // Assert
    expect(github.thread(root).replies.at(-1)).toMatch(
      /^It sounds like you would accept this as a risk \(“beta users only”\)\. To put that on record, reply `won't fix: <reason>`/,
    );
    expect(statuses(github)).toEqual([['redis-fallback', 'open', null]]);
  });

  it('falls back to the offline answer when the model cannot answer', async () => {
    // Arrange
    const { h, github, root } = await reviewed();
    nock(API)
      .post('/v1/messages', forTool('submit_intent'))
      .reply(400, { type: 'error', error: { type: 'invalid_request_error', message: 'bad request' } })
      .post('/v1/messages', forTool('submit_answer'))
      .reply(400, { type: 'error', error: { type: 'invalid_request_error', message: 'bad request' } });

    // Act
    await replyInThread(h, root, 'alice', 'Why does this matter?');

    // Assert
    expect(github.thread(root).replies.at(-1)).toMatch(/^Here is the reasoning \(Operations Engineer\): A cache outage becomes a login outage/);
  });
});
