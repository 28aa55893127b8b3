// Issue #7, part 4: faults in GitHub and in the Messages API mid-review — 5xx, secondary rate limits
// with retry-after, timeouts, connection resets, and writes GitHub made but whose answer was lost.
// A review either completes or fails visibly (the check run says so) and is retried by the app's
// queue; nothing is posted twice: exactly one review and one sticky summary.
import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createClaudeEngine } from '../src/engines/claude/create-claude-engine.js';
import { decodeLedger } from '../src/ledger/ledger-codec.js';
import { VALID_FINDINGS, VALID_PLAN } from './fixtures/bad-inputs/corpus.js';
import { createHardenedHarness, errorsIn, type HardenedHarness } from './fixtures/bad-inputs/harness.js';
import { API_KEY } from './fixtures/injection/cases.js';
import { type FakeClaudeBehaviour, fakeClaude } from './fixtures/injection/fake-claude.js';
import { findingsReply } from './fixtures/claude/messages-api.js';
import { FakeGitHub } from './helpers/fake-github.js';

const HEAD = 'c'.repeat(40);
const PATH = 'docs/rfcs/valid.md';
type Fault = FakeGitHub['faults'][number];

function planPr(faults: Fault[], config = 'reviewers:\n  enable: [database-architect]\n'): FakeGitHub {
  const github = new FakeGitHub();
  github.config = config;
  github.push(HEAD, { [PATH]: VALID_PLAN });
  github.faults.push(...faults);
  return github;
}

/** Titles the check run showed, in order (each PATCH/POST that set an output). */
/** The output a check run was given with a title, from the requests (a retried run is updated in place). */
function checkOutput(github: FakeGitHub, title: string): { title?: string; summary?: string } | undefined {
  return github.requests
    .filter((r) => /\/check-runs(\/\d+)?$/.test(r.path) && (r.method === 'PATCH' || r.method === 'POST'))
    .map((r) => (r.body as { output?: { title?: string; summary?: string } }).output)
    .find((o) => o?.title === title);
}

function checkTitles(github: FakeGitHub): string[] {
  return github.requests
    .filter((r) => /\/check-runs(\/\d+)?$/.test(r.path) && (r.method === 'PATCH' || r.method === 'POST'))
    .map((r) => (r.body as { output?: { title?: string } }).output?.title)
    .filter((t): t is string => t !== undefined);
}

/** Exactly one review, one sticky summary, the findings in both, and a completed check run for the head. */
function expectPostedOnce(github: FakeGitHub, findings: Array<[string, number]> = VALID_FINDINGS): void {
  expect(github.reviews.map((r) => r.state)).toEqual(['COMMENTED']);
  const summaries = github.issueComments.filter((c) => c.user.type === 'Bot');
  expect(summaries).toHaveLength(1);
  const ledger = decodeLedger(summaries[0]!.body)!;
  expect(ledger.entries.map((e): [string, number] => [e.finding.ruleId ?? e.finding.concern, e.finding.anchor.startLine!]).sort((a, b) => a[1] - b[1])).toEqual(
    findings,
  );
  expect(ledger.entries.every((e) => e.threadCommentId !== null)).toBe(true);
  expect(github.reviewComments.filter((c) => c.in_reply_to_id === undefined)).toHaveLength(findings.length);
  const last = github.checkRuns.filter((c) => c.head_sha === HEAD).at(-1)!;
  expect(last.status).toBe('completed');
  expect(last.output?.title).toMatch(/block the merge|^Readiness/);
}

function expectRetried(h: HardenedHarness, attempts: number): void {
  expect(h.attempts.map((a) => a.attempt)).toEqual(Array.from({ length: attempts }, (_, i) => i + 1));
  expect(h.unhandled).toEqual([]);
  expect(errorsIn(h.logs)).toEqual([]);
}

describe('GitHub failing mid-review', () => {
  const cases: Array<[string, Fault[], number]> = [
    ['G01 reading the pull request answers 502', [{ match: /^GET \/repos\/acme\/plans\/pulls\/7$/, status: 502, times: 1 }], 2],
    ['G02 listing the files answers 500', [{ match: /^GET .*\/pulls\/7\/files/, status: 500, times: 1 }], 2],
    [
      'G03 the connection resets while reading the document',
      [{ match: /^GET .*\/contents\/docs%2Frfcs%2Fvalid\.md/, status: 0, times: 1, error: 'ECONNRESET' }],
      2,
    ],
    ['G04 reading the config times out', [{ match: /^GET .*rfc-panel\.yml/, status: 0, times: 1, error: 'ETIMEDOUT' }], 2],
    ['G05 reading the config answers 500', [{ match: /^GET .*rfc-panel\.yml/, status: 500, times: 1 }], 2],
    [
      'G06 a secondary rate limit (403 + retry-after) on listing reviews',
      [{ match: /^GET .*\/pulls\/7\/reviews/, status: 403, times: 1, headers: { 'retry-after': '1' } }],
      2,
    ],
    ['G07 posting the review answers 502 (nothing was created)', [{ match: /^POST .*\/pulls\/7\/reviews$/, status: 502, times: 1 }], 2],
    [
      'G08 the review is created but the answer is lost (502): found by its marker, no second attempt',
      [{ match: /^POST .*\/pulls\/7\/reviews$/, status: 502, times: 1, after: true }],
      1,
    ],
    [
      'G09 the review is created but the connection resets: found by its marker',
      [{ match: /^POST .*\/pulls\/7\/reviews$/, status: 0, times: 1, error: 'ECONNRESET', after: true }],
      1,
    ],
    [
      'G10 the summary is created but the connection resets: found by its marker',
      [{ match: /^POST .*\/issues\/7\/comments$/, status: 0, times: 1, error: 'ECONNRESET', after: true }],
      1,
    ],
    ['G11 listing PR comments answers 503 twice', [{ match: /^GET .*\/issues\/7\/comments/, status: 503, times: 2 }], 3],
    ['G12 starting the check run answers 500', [{ match: /^PATCH .*\/check-runs\/\d+$/, status: 500, times: 1 }], 2],
    ['G13 a check-run update is applied but its answer is lost', [{ match: /^PATCH .*\/check-runs\/\d+$/, status: 502, times: 1, after: true }], 2],
  ];

  it.each(cases)('%s: completes, posted once', async (_what, faults, attempts) => {
    // Arrange
    const github = planPr(faults);
    const h = await createHardenedHarness({ github });

    // Act
    await h.opened();
    h.dispose();

    // Assert
    expect(github.faults.every((f) => f.times === 0)).toBe(true);
    expectRetried(h, attempts);
    expectPostedOnce(github);
  });

  it('G14 says on the check run that it is retrying, then what the review found', async () => {
    // Arrange
    const github = planPr([{ match: /^POST .*\/pulls\/7\/reviews$/, status: 502, times: 1 }]);
    const h = await createHardenedHarness({ github });

    // Act
    await h.opened();
    h.dispose();

    // Assert
    expect(checkTitles(github)).toEqual(['GitHub is not answering — retrying', expect.stringMatching(/block the merge/)]);
    expect(checkOutput(github, 'GitHub is not answering — retrying')?.summary).toContain('The review will be retried automatically.');
    // The retry picks the same run up: one check run for the head, not one per attempt.
    expect(github.checkRuns.map((c) => c.status)).toEqual(['completed']);
  });

  it('G15 fails visibly when GitHub keeps failing: the check run says so, nothing is posted, nothing crashes', async () => {
    // Arrange
    const github = planPr([{ match: /^GET .*\/pulls\/7\/files/, status: 500, times: 99 }]);
    const h = await createHardenedHarness({ github });

    // Act
    await h.opened();
    h.dispose();

    // Assert
    expect(h.attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(h.unhandled).toEqual([]);
    expect(errorsIn(h.logs)).toEqual([]);
    expect(h.logs.filter((l) => l.msg === 'review failed')).toHaveLength(3);
    expect(checkTitles(github)).toEqual(['GitHub is not answering — retrying', 'GitHub is not answering — retrying', 'GitHub is not answering']);
    const last = github.checkRuns.at(-1)!;
    expect([last.status, last.conclusion]).toEqual(['completed', 'failure']);
    expect(last.output?.summary).toMatch(/^listing the pull request files failed \(HTTP 500\): Server Error\n\nPress \*\*Re-review\*\* to try again\.$/);
    expect([github.reviews, github.issueComments]).toEqual([[], []]);
  });

  it('G16 fails visibly when reading the pull request keeps failing', async () => {
    const github = planPr([{ match: /^GET \/repos\/acme\/plans\/pulls\/7$/, status: 502, times: 99 }]);
    const h = await createHardenedHarness({ github });
    await h.opened();
    h.dispose();
    expect(github.checkRuns.map((c) => [c.status, c.conclusion, c.output?.title])).toEqual([['completed', 'failure', 'GitHub is not answering']]);
  });

  it('G17 fails visibly when the app identity cannot be read', async () => {
    const github = planPr([{ match: /^GET \/app$/, status: 503, times: 99 }]);
    const h = await createHardenedHarness({ github });
    await h.opened();
    h.dispose();
    expect(github.checkRuns.map((c) => [c.status, c.conclusion, c.output?.title])).toEqual([['completed', 'failure', 'GitHub is not answering']]);
  });
});

describe('the Messages API failing mid-review', () => {
  const QUOTE = '  inviter_id BIGINT NOT NULL REFERENCES users(id),';
  const finding = {
    title: 'Deleting a user orphans the invites they sent',
    severity: 'critical',
    body: 'Say what happens to their invites when a user is deleted.',
    recommendation: 'required',
    quote: QUOTE,
    section: 'Schema',
    concern: 'fk-on-delete',
  };
  const STAFF = 'reviewers:\n  enable: [staff-engineer]\n';

  async function run(failReviews: FakeClaudeBehaviour['failReviews']) {
    const github = planPr([], STAFF);
    const claude = fakeClaude({ review: () => [finding], failReviews });
    const h = await createHardenedHarness({ github, env: { ANTHROPIC_API_KEY: API_KEY } });
    await h.opened();
    h.dispose();
    return { github, claude, h };
  }

  it.each([
    ['A01 a 500, retried by the SDK', { status: 500, times: 1 }, 2],
    ['A02 529 overloaded twice, retried by the SDK', { status: 529, times: 2 }, 3],
    ['A03 a 429 with retry-after, honoured by the SDK', { status: 429, times: 1, headers: { 'retry-after': '0' } }, 2],
    ['A04 a connection reset mid-request, retried by the SDK', { status: 0, times: 1, error: 'ECONNRESET' }, 2],
  ] as const)(
    '%s: one job, one review',
    async (_what, fail, calls) => {
      // Act
      const { github, claude, h } = await run({ ...fail });

      // Assert
      expect(claude.calls.review).toBe(calls);
      expectRetried(h, 1);
      expectPostedOnce(github, [['fk-on-delete', 7]]);
    },
    20_000,
  );

  it('A05 fails the check visibly and retries the job when no reviewer could complete (SDK retries exhausted)', async () => {
    // Arrange: 1 call + 3 SDK retries fail on the first job attempt; the second attempt gets through.
    const { github, claude, h } = await run({ status: 529, times: 4 });

    // Assert
    expect(claude.calls.review).toBe(5);
    expect(h.attempts.map((a) => a.attempt)).toEqual([1, 2]);
    expect(checkTitles(github)).toEqual(['Anthropic is not answering — retrying', expect.stringMatching(/block the merge/)]);
    expect(checkOutput(github, 'Anthropic is not answering — retrying')?.summary).toMatch(
      /^no reviewer completed the review — staff-engineer \(claude\): Anthropic API overloaded \(529\); gave up after 3 retries\n\nThe review will be retried automatically\.$/,
    );
    expectPostedOnce(github, [['fk-on-delete', 7]]);
  }, 20_000);

  it('A06 reviews offline on the last attempt when the Messages API stays down, and never passes the gate', async () => {
    // Act
    const { github, h } = await run({ status: 500, times: 99 });

    // Assert: retried twice, then the offline checklist reviewed, and the check says why and fails.
    expect(h.attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(h.unhandled).toEqual([]);
    const last = github.checkRuns.at(-1)!;
    expect([last.status, last.conclusion]).toEqual(['completed', 'failure']);
    expect(last.output?.title).toMatch(/^Anthropic is not answering — offline checklist review · /);
    expect(last.output?.summary).toContain('press **Re-review** to run it again');
    expect(github.checkRuns.some((c) => c.conclusion === 'success')).toBe(false);
    expect(github.reviews).toHaveLength(1);
    expect(github.reviews[0]!.body).toMatch(
      /^> ⚠️ Anthropic is not answering \(staff-engineer: Anthropic API error \(500\).*\); the offline checklist panel reviewed this revision instead\./,
    );
  }, 30_000);

  it('A07 a request that times out is failed visibly and retried', async () => {
    // Arrange: an engine with a 100 ms timeout and no SDK retries; the API answers after 1 s, then promptly.
    const github = planPr([], STAFF);
    nock('https://api.anthropic.com')
      .post('/v1/messages')
      .delay(1000)
      .reply(200, findingsReply([finding]));
    nock('https://api.anthropic.com')
      .post('/v1/messages')
      .reply(200, findingsReply([finding]));
    const claude = fakeClaude({ review: () => [finding] }); // answers what the two above do not: the summary call
    const h = await createHardenedHarness({
      github,
      env: { ANTHROPIC_API_KEY: API_KEY },
      createEngines: async () => [createClaudeEngine({ env: { ANTHROPIC_API_KEY: API_KEY }, timeoutMs: 100, maxRetries: 0, warmCache: 'off' })],
    });

    // Act
    await h.opened();
    h.dispose();

    // Assert
    expect(h.attempts.map((a) => a.attempt)).toEqual([1, 2]);
    expect(checkTitles(github)[0]).toBe('Anthropic is not answering — retrying');
    expect(checkOutput(github, 'Anthropic is not answering — retrying')?.summary).toContain('request timed out');
    expect(claude.calls).toEqual({ review: 0, summary: 1, verification: 0, other: 0 });
    expectPostedOnce(github, [['fk-on-delete', 7]]);
  }, 20_000);
});
