// Issue #7, part 1: the bad-input corpus (test/fixtures/bad-inputs/README.md). Every case gets its
// documented outcome — the CLI exits with a code and one clear stderr line; the app ends in a check
// run that says what happened, or handles the input — with zero crashes and zero lost findings.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli/run-cli.js';
import { decodeLedger } from '../src/ledger/ledger-codec.js';
import { CONFIG_CASES, type DocCase, DOC_CASES, fixture, hugeConfig, VALID_FINDINGS, VALID_PLAN } from './fixtures/bad-inputs/corpus.js';
import { createHardenedHarness, errorsIn, type HardenedHarness } from './fixtures/bad-inputs/harness.js';
import { stubEngine } from './helpers/app-harness.js';
import { FakeGitHub, MAX_BODY_CHARS, wholeFilePatch } from './helpers/fake-github.js';
import { pullRequestPayload, webhookExample, withOverrides } from './helpers/webhook-examples.js';

const HEAD = 'c'.repeat(40);
const VALID_PATH = 'docs/rfcs/valid.md';
const ONE_PERSONA = 'reviewers:\n  enable: [database-architect]\n';

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdoutIsTTY: false, stderrIsTTY: false, env: {} });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const byLine = (a: [string, number], b: [string, number]) => a[1] - b[1] || a[0].localeCompare(b[0]);

/** [ruleId, line] of every SQL-rule ledger entry on `path`: the SQL findings are the tracer that bad bytes must not lose or move. */
function ledgerFindings(github: FakeGitHub, path: string): Array<[string, number]> {
  const ledger = decodeLedger(github.issueComments[0]?.body);
  return (ledger?.entries ?? [])
    .filter((e) => e.finding.anchor.path === path && (e.finding.ruleId ?? '').startsWith('sql.'))
    .map((e): [string, number] => [e.finding.ruleId ?? e.finding.concern, e.finding.anchor.startLine ?? 0])
    .sort(byLine);
}

/** Nothing crashed: one attempt per job, no failed job, no error log line, no unhandled rejection. */
function expectNoCrash(h: HardenedHarness): void {
  expect(h.unhandled).toEqual([]);
  expect(errorsIn(h.logs).map((l) => l.msg)).toEqual([]);
  expect(h.attempts.every((a) => a.attempt === 1)).toBe(true);
}

describe('bad documents through the CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rfc-panel-bad-inputs-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(DOC_CASES.map((c) => [c.id, c.what, c] as const))(
    '%s %s',
    async (_id, _what, c: DocCase) => {
      // Arrange
      const path = join(dir, `${c.name}.md`);
      writeFileSync(path, c.bytes());

      // Act
      const { code, stdout, stderr } = await cli(['review', path, '--reviewers', 'database-architect', '--format', 'json']);

      // Assert
      expect(code).toBe(c.cli.exit);
      if (c.cli.exit === 2) {
        expect(stdout).toBe('');
        expect(stderr.endsWith('\n') && stderr.split('\n').length === 2).toBe(true);
        expect(stderr.trimEnd()).toMatch(new RegExp(`^rfc-panel: ${escapeRe(path)}${c.cli.stderr!.source}`));
      } else {
        expect(stderr).toBe('');
        const json = JSON.parse(stdout) as { findings: Array<{ ruleId: string; line: number }> };
        // The SQL findings are the tracer: bad bytes must not lose or move them (catalogue findings vary with the catalogue).
        if (c.cli.findings)
          expect(
            json.findings
              .filter((f) => f.ruleId.startsWith('sql.'))
              .map((f): [string, number] => [f.ruleId, f.line])
              .sort(byLine),
          ).toEqual([...c.cli.findings].sort(byLine));
      }
    },
    60_000,
  );

  it.each([
    [
      'C-a directory named like a document',
      () => {
        mkdirSync(join(dir, 'folder.md'), { recursive: true });
        return [join(dir, 'folder.md')];
      },
      /: is a directory; name the Markdown files to review/,
    ],
    ['C-a file that does not exist', () => [join(dir, 'missing.md')], /: no such file$/],
    [
      'C-a good file and a bad one: nothing is reviewed',
      () => {
        writeFileSync(join(dir, 'good.md'), VALID_PLAN);
        writeFileSync(join(dir, 'bad.md'), fixture('docs', 'latin1.md'));
        return [join(dir, 'good.md'), join(dir, 'bad.md')];
      },
      /bad\.md: is not valid UTF-8; save it as UTF-8$/,
    ],
  ] as const)('%s', async (_what, files, message) => {
    // Act
    const { code, stdout, stderr } = await cli(['review', ...files()]);

    // Assert
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr.trimEnd()).toMatch(message);
  });
});

describe('bad documents in a pull request', () => {
  it('reviews the valid document and every readable bad one, skips the rest with their reason, and loses nothing', async () => {
    // Arrange: one PR with the valid plan and every document of the corpus the app sees.
    const github = new FakeGitHub();
    github.config = ONE_PERSONA;
    const cases = DOC_CASES.filter((c) => c.app !== null);
    github.push(HEAD, { [VALID_PATH]: VALID_PLAN });
    for (const c of cases) {
      const path = `docs/rfcs/${c.name}.md`;
      const bytes = c.bytes();
      github.contents.set(`${HEAD}:${path}`, bytes);
      github.files.push({ filename: path, status: 'added', patch: bytes.length < 200_000 ? wholeFilePatch(bytes.toString('utf8')) : null });
    }
    const h = await createHardenedHarness({ github });

    // Act
    await h.opened();
    h.dispose();

    // Assert: no crash, one review, the valid document's findings posted inline.
    expectNoCrash(h);
    expect(github.reviews).toHaveLength(1);
    expect(
      github.reviewComments
        .filter((c) => c.path === VALID_PATH)
        .map((c) => c.line)
        .sort((a, b) => a - b),
    ).toEqual(VALID_FINDINGS.map(([, line]) => line));
    expect(ledgerFindings(github, VALID_PATH)).toEqual(VALID_FINDINGS);
    const run = github.checkRuns.at(-1)!;
    expect(run.status).toBe('completed');
    const summary = run.output?.summary ?? '';
    for (const c of cases) {
      const path = `docs/rfcs/${c.name}.md`;
      const note = new RegExp(`- ${escapeRe(path)} was not reviewed: (.*)\\.$`, 'm').exec(summary);
      if (c.app!.skipped) {
        expect({ id: c.id, reason: note?.[1] }).toEqual({ id: c.id, reason: expect.stringMatching(c.app!.skipped) });
      } else {
        expect({ id: c.id, note: note?.[0] ?? null }).toEqual({ id: c.id, note: null });
        if (c.app!.findings) expect({ id: c.id, findings: ledgerFindings(github, path) }).toEqual({ id: c.id, findings: [...c.app!.findings].sort(byLine) });
      }
    }
  }, 120_000);

  it('reviews a 5 MiB document when budgets.maxDocumentBytes allows it, and says so in bytes for one byte more', async () => {
    // Arrange
    const github = new FakeGitHub();
    github.config = `${ONE_PERSONA}budgets:\n  maxDocumentBytes: ${5 * 1024 * 1024}\n`;
    const five = DOC_CASES.find((c) => c.id === 'D03')!.bytes();
    const fivePlusOne = DOC_CASES.find((c) => c.id === 'D04')!.bytes();
    github.push(HEAD, { [VALID_PATH]: VALID_PLAN });
    github.contents.set(`${HEAD}:docs/rfcs/five.md`, five);
    github.contents.set(`${HEAD}:docs/rfcs/five-plus-one.md`, fivePlusOne);
    github.files.push(
      { filename: 'docs/rfcs/five.md', status: 'added', patch: null },
      { filename: 'docs/rfcs/five-plus-one.md', status: 'added', patch: null },
    );
    const h = await createHardenedHarness({ github });

    // Act
    await h.opened();
    h.dispose();

    // Assert
    expectNoCrash(h);
    const summary = github.checkRuns.at(-1)!.output?.summary ?? '';
    expect(summary).not.toContain('docs/rfcs/five.md was not reviewed');
    expect(summary).toContain(
      '- docs/rfcs/five-plus-one.md was not reviewed: 5,242,881 bytes is over the 5,242,880-byte limit for one document (budgets.maxDocumentBytes).',
    );
    expect(ledgerFindings(github, VALID_PATH)).toEqual(VALID_FINDINGS);
  }, 60_000);
});

describe('bad configuration files', () => {
  it.each(CONFIG_CASES.map((c) => [c.id, c.what, c] as const))('%s %s', async (_id, _what, c) => {
    // Arrange
    const github = new FakeGitHub();
    github.config = fixture('configs', c.file).toString('utf8');
    github.push(HEAD, { [VALID_PATH]: VALID_PLAN });
    const h = await createHardenedHarness({ github });

    // Act
    await h.opened();
    h.dispose();

    // Assert: the check run says what happened; an invalid file is not retried and nothing is posted.
    expect(h.unhandled).toEqual([]);
    expect(h.attempts).toEqual([{ kind: 'review', attempt: 1 }]);
    const run = github.checkRuns.at(-1)!;
    expect([run.status, run.conclusion, run.output?.title]).toEqual(['completed', c.conclusion, expect.stringMatching(c.title)]);
    for (const pattern of c.summary) expect(run.output?.summary).toMatch(pattern);
    expect(github.reviews).toHaveLength(c.reviewed ? 1 : 0);
    if (!c.reviewed) expect(run.output?.summary).toContain('Fix the file on the default branch, then press **Re-review**.');
  });

  it('C16 reads a 2.4 MB configuration file and honours it', async () => {
    // Arrange
    const github = new FakeGitHub();
    github.config = hugeConfig();
    github.push(HEAD, { [VALID_PATH]: VALID_PLAN });
    const h = await createHardenedHarness({ github });

    // Act
    await h.opened();
    h.dispose();

    // Assert: `gate: none` from the big file applies.
    expectNoCrash(h);
    expect(github.checkRuns.at(-1)!.conclusion).toBe('success');
    expect(github.checkRuns.at(-1)!.output?.summary).toContain('no merge gate configured');
    expect(ledgerFindings(github, VALID_PATH)).toEqual(VALID_FINDINGS);
  });
});

describe('webhook payloads missing what a review needs', () => {
  const pr = () =>
    pullRequestPayload('opened', { owner: 'acme', repo: 'plans', number: 7, headSha: HEAD, installationId: 1, userLogin: 'alice', userType: 'User' });
  const threadReply = () =>
    withOverrides(webhookExample('pull_request_review_comment', 'created'), {
      installation: { id: 1 },
      repository: { name: 'plans', full_name: 'acme/plans', owner: { login: 'acme' } },
      pull_request: { number: 7, state: 'open' },
      comment: { id: 5, body: 'addressed', in_reply_to_id: 4, user: { login: 'alice', type: 'User' } },
    });
  const cases: Array<[string, string, () => unknown]> = [
    ['P01 pull_request without installation', 'pull_request', () => withOverrides(pr(), { installation: undefined })],
    ['P02 pull_request without pull_request.head', 'pull_request', () => withOverrides(pr(), { pull_request: { head: undefined } })],
    ['P03 pull_request.number as a string', 'pull_request', () => withOverrides(pr(), { pull_request: { number: '7' } })],
    ['P04 installation.id as a string', 'pull_request', () => withOverrides(pr(), { installation: { id: '1' } })],
    ['P05 pull_request: null', 'pull_request', () => ({ ...pr(), pull_request: null })],
    ['P06 an empty pull_request payload', 'pull_request', () => ({ action: 'opened' })],
    ['P07 repository missing', 'pull_request', () => withOverrides(pr(), { repository: undefined })],
    ['P08 head.sha as a number', 'pull_request', () => withOverrides(pr(), { pull_request: { head: { sha: 42 } } })],
    [
      'P09 check_run.rerequested without pull_requests',
      'check_run',
      () => withOverrides(webhookExample('check_run', 'rerequested'), { installation: { id: 1 }, check_run: { name: 'rfc-panel', pull_requests: undefined } }),
    ],
    [
      'P10 issue_comment with a null body',
      'issue_comment',
      () =>
        withOverrides(webhookExample('issue_comment', 'created'), {
          installation: { id: 1 },
          issue: { pull_request: {}, state: 'open' },
          comment: { body: null },
        }),
    ],
    [
      'P11 a thread reply whose in_reply_to_id is a string',
      'pull_request_review_comment',
      () => withOverrides(threadReply(), { comment: { in_reply_to_id: '4' } }),
    ],
    ['P12 a thread reply without comment.user', 'pull_request_review_comment', () => withOverrides(threadReply(), { comment: { user: undefined } })],
  ];

  it.each(cases)('%s is ignored: no job, no request, no crash', async (_what, event, payload) => {
    // Arrange
    const github = new FakeGitHub();
    const h = await createHardenedHarness({ github });

    // Act
    await h.send(event, payload());
    h.dispose();

    // Assert
    expect(h.attempts).toEqual([]);
    expect(github.requests).toEqual([]);
    expect(errorsIn(h.logs)).toEqual([]);
    expect(h.unhandled).toEqual([]);
  });
});

describe('pull requests of unusual shape', () => {
  it('S01 pages through a 3,000-file pull request and says that GitHub lists no more', async () => {
    // Arrange: 3,100 changed files; GitHub lists the first 3,000, 100 per page.
    const github = new FakeGitHub();
    github.config = ONE_PERSONA;
    github.push(HEAD, { [VALID_PATH]: VALID_PLAN });
    for (let i = 0; i < 3099; i++) github.files.push({ filename: `src/generated/file-${i}.ts`, status: 'added', patch: '@@ -0,0 +1 @@\n+export {};' });
    github.files.splice(3050, 0, { filename: 'docs/rfcs/beyond-the-listing.md', status: 'added', patch: '@@ -0,0 +1 @@\n+# Never seen' });
    const h = await createHardenedHarness({ github });

    // Act
    await h.opened();
    h.dispose();

    // Assert
    expectNoCrash(h);
    expect(github.count('GET', /\/pulls\/7\/files/)).toBe(30);
    expect(github.count('GET', /beyond-the-listing/)).toBe(0);
    expect(ledgerFindings(github, VALID_PATH)).toEqual(VALID_FINDINGS);
    expect(github.checkRuns.at(-1)!.output?.summary).toContain('GitHub lists at most 3000 files of a pull request; documents beyond that were not seen.');
  });

  it('S02 follows findings to a renamed and modified document without raising them again', async () => {
    // Arrange: the PR first edits docs/rfcs/old.md, then renames it and fixes one finding.
    const github = new FakeGitHub();
    github.config = ONE_PERSONA;
    const base = VALID_PLAN.replace('## Rollback', '## Rollback plan');
    github.push('1'.repeat(40), { 'docs/rfcs/old.md': VALID_PLAN }, { 'docs/rfcs/old.md': base });
    const h = await createHardenedHarness({ github });
    await h.opened('opened', '1'.repeat(40));
    const fixed = VALID_PLAN.replace('REFERENCES users(id)', 'REFERENCES users(id) ON DELETE CASCADE');

    // Act
    github.pull.head.sha = '2'.repeat(40);
    github.contents.set(`${'2'.repeat(40)}:docs/rfcs/new.md`, fixed);
    github.files = [{ filename: 'docs/rfcs/new.md', previous_filename: 'docs/rfcs/old.md', status: 'renamed', patch: wholeFilePatch(fixed, base) }];
    await h.opened('synchronize', '2'.repeat(40));
    h.dispose();

    // Assert: same three findings, now on new.md; the fixed one addressed; no second review.
    expectNoCrash(h);
    expect(github.reviews).toHaveLength(1);
    const ledger = decodeLedger(github.issueComments[0]!.body)!;
    expect(ledger.entries.map((e) => [e.finding.ruleId, e.finding.anchor.path, e.status])).toEqual([
      ['sql.fk-on-delete', 'docs/rfcs/new.md', 'addressed'],
      ['sql.create-without-if-not-exists', 'docs/rfcs/new.md', 'open'],
      ['sql.varchar-enumeration', 'docs/rfcs/new.md', 'open'],
    ]);
  });

  it('S03 supersedes the findings of a document the pull request deletes', async () => {
    // Arrange: the PR edits docs/rfcs/gone.md (three findings), then deletes it.
    const github = new FakeGitHub();
    github.config = ONE_PERSONA;
    github.push(
      '1'.repeat(40),
      { 'docs/rfcs/gone.md': VALID_PLAN, 'docs/rfcs/other.md': '# Other\n\nNothing to see.\n' },
      { 'docs/rfcs/gone.md': '# Team Invitations\n' },
    );
    const h = await createHardenedHarness({ github });
    await h.opened('opened', '1'.repeat(40));

    // Act
    github.push('2'.repeat(40), { 'docs/rfcs/other.md': '# Other\n\nStill nothing.\n' });
    github.files.push({ filename: 'docs/rfcs/gone.md', status: 'removed', patch: null });
    await h.opened('synchronize', '2'.repeat(40));
    h.dispose();

    // Assert
    const ledger = decodeLedger(github.issueComments[0]!.body)!;
    expect(ledger.entries.map((e) => e.status)).toEqual(['superseded', 'superseded', 'superseded']);
    expect(github.checkRuns.at(-1)!.conclusion).toBe('success');
  });

  it('S04 reviews the other documents when one document 404s mid-review, and names it', async () => {
    // Arrange
    const github = new FakeGitHub();
    github.config = ONE_PERSONA;
    github.push(HEAD, { [VALID_PATH]: VALID_PLAN, 'docs/rfcs/vanishing.md': VALID_PLAN.replace('team_invites', 'vanishing') });
    github.faults.push({ match: /^GET .*\/contents\/docs%2Frfcs%2Fvanishing\.md/, status: 404, times: 1 });
    const h = await createHardenedHarness({ github });

    // Act
    await h.opened();
    h.dispose();

    // Assert
    expectNoCrash(h);
    expect(ledgerFindings(github, VALID_PATH)).toEqual(VALID_FINDINGS);
    expect(github.reviewComments.map((c) => c.path)).toEqual([VALID_PATH, VALID_PATH, VALID_PATH]);
    expect(github.checkRuns.at(-1)!.output?.summary).toContain(
      '- docs/rfcs/vanishing.md was not reviewed: it could not be read at ccccccc (HTTP 404: removed or force-pushed away during the review).',
    );
  });

  it('S05 names the documents beyond budgets.maxFiles instead of dropping them silently', async () => {
    // Arrange
    const github = new FakeGitHub();
    github.config = `${ONE_PERSONA}budgets:\n  maxFiles: 1\n`;
    github.push(HEAD, { [VALID_PATH]: VALID_PLAN, 'docs/rfcs/second.md': '# Second\n', 'docs/rfcs/third.md': '# Third\n' });
    const h = await createHardenedHarness({ github });

    // Act
    await h.opened();
    h.dispose();

    // Assert
    expectNoCrash(h);
    expect(ledgerFindings(github, VALID_PATH)).toEqual(VALID_FINDINGS);
    expect(github.checkRuns.at(-1)!.output?.summary).toContain(
      '- docs/rfcs/second.md and 1 more document(s) was not reviewed: over the limit of 1 documents per review (budgets.maxFiles).',
    );
  });

  it("S06 keeps the sticky summary within GitHub's 65,536-character limit for 600 findings, and the ledger whole", async () => {
    // Arrange: one document, 600 distinct findings (a big PR reviewed by many personas looks like this).
    const github = new FakeGitHub();
    github.config = ONE_PERSONA;
    const lines = [
      '# Plan',
      '',
      ...Array.from({ length: 600 }, (_, i) => `Statement ${i}: we add dependency number ${i} with a rather long explanatory sentence.`),
    ];
    github.push(HEAD, { [VALID_PATH]: lines.join('\n') });
    const rules = Array.from({ length: 600 }, (_, i) => ({
      quote: `Statement ${i}:`,
      concern: `dependency-${i}`,
      severity: 'important' as const,
      title: `Dependency ${i} has no failure story and no owner on call for it`,
    }));
    const h = await createHardenedHarness({ github, createEngines: async () => [stubEngine(rules)] });

    // Act
    await h.opened();
    h.dispose();

    // Assert: posted, within the limit, every finding still in the ledger, and the summary says what it left out.
    expectNoCrash(h);
    const summary = github.issueComments.filter((c) => c.user.type === 'Bot');
    expect(summary).toHaveLength(1);
    expect(summary[0]!.body.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    expect(decodeLedger(summary[0]!.body)!.entries).toHaveLength(600);
    expect(summary[0]!.body).toMatch(/…and \d+ more finding\(s\), not listed: a GitHub comment holds 65,536 characters\./);
    expect(github.checkRuns.at(-1)!.status).toBe('completed');
    expect(github.checkRuns.at(-1)!.output?.title).toMatch(/^Readiness|block the merge/);
  }, 60_000);
});
