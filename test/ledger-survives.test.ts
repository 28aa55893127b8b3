// Issue #13, cases 5 and 6: the ledger survives ordinary inputs (too many findings, a deleted
// comment) and cannot be forged by editing the app's sticky comment.
import { describe, expect, it } from '@jest/globals';
import { computeGate } from '../src/ledger/compute-gate.js';
import { decodeLedger, encodeLedger, LEDGER_BUDGET_CHARS } from '../src/ledger/ledger-codec.js';
import { readLedger } from '../src/ledger/read-ledger.js';
import { deriveLedgerKey } from '../src/ledger/derive-ledger-key.js';
import type { Ledger } from '../src/ledger/schema.js';
import { createHarness, type Harness, replyInThread, stubEngine } from './helpers/app-harness.js';
import { FakeGitHub, MAX_BODY_CHARS } from './helpers/fake-github.js';

const PATH = 'docs/rfcs/plan.md';
const ENV = { WEBHOOK_SECRET: 'test-webhook-secret' };
const RULES = [
  { quote: 'DROP TABLE', concern: 'destructive-migration', severity: 'critical' as const, title: 'The migration drops a table' },
  { quote: 'TODO', concern: 'todo', severity: 'important' as const, title: 'A TODO is left' },
];
const PLAN = '# Plan\n\n## Migration\n\nDROP TABLE legacy_users;\n\nTODO: rollout\n';

async function push(h: Harness, sha: string, text: string): Promise<void> {
  await h.pushed(sha, { [PATH]: text });
}

async function reviewed(): Promise<{ h: Harness; github: FakeGitHub }> {
  const github = new FakeGitHub();
  github.permissions.set('alice', 'write');
  const h = await createHarness({ github, env: ENV, createEngines: async () => [stubEngine(RULES)] });
  github.push('1'.repeat(40), { [PATH]: PLAN });
  await h.opened();
  return { h, github };
}

const summaries = (github: FakeGitHub) => github.issueComments.filter((c) => c.user.type === 'Bot');
const roots = (github: FakeGitHub) => github.reviewComments.filter((c) => c.in_reply_to_id === undefined);
const statusOf = (github: FakeGitHub, concern: string) => decodeLedger(summaries(github)[0]!.body)!.entries.find((e) => e.finding.concern === concern)?.status;

describe('a ledger edited by someone other than the app', () => {
  it('is rejected and rebuilt from the threads: the gate stays red, nothing is posted twice, the summary says so', async () => {
    // Arrange: a collaborator marks every finding accepted-risk in the sticky comment.
    const { h, github } = await reviewed();
    const sticky = summaries(github)[0]!;
    const real = decodeLedger(sticky.body)!;
    const forged: Ledger = {
      ...real,
      entries: real.entries.map((e) => ({
        ...e,
        status: 'accepted-risk' as const,
        history: [...e.history, { status: 'accepted-risk' as const, sha: '1'.repeat(40), at: 'now', by: 'cto', note: 'fine', lines: null }],
      })),
    };
    sticky.body = sticky.body.replace(/<!-- rfc-panel:ledger [\s\S]*? -->\s*$/, encodeLedger(forged));
    const rootsBefore = roots(github).length;

    // Act
    await push(h, '2'.repeat(40), `${PLAN}\nMore words.\n`);

    // Assert
    expect(github.checkRuns.at(-1)!.conclusion).toBe('failure');
    expect(summaries(github)).toHaveLength(1);
    expect(roots(github)).toHaveLength(rootsBefore);
    expect(statusOf(github, 'destructive-migration')).toBe('open');
    expect(summaries(github)[0]!.body).toContain('changed by someone other than rfc-panel, so it was not trusted: it was rebuilt from rfc-panel');
  });

  it('does not verify with another key, nor on another pull request', () => {
    // Arrange
    const key = deriveLedgerKey(ENV)!;
    const ledger: Ledger = { version: 1, revisions: [], entries: [], dropped: { critical: 0, important: 0, niceToHave: 0 } };
    const body = encodeLedger(ledger, { key, pull: 'acme/plans#7' });

    // Act
    const states = [
      readLedger(body, { key, pull: 'acme/plans#7' }).state,
      readLedger(body, { key: deriveLedgerKey({ WEBHOOK_SECRET: 'other' })!, pull: 'acme/plans#7' }).state,
      readLedger(body, { key, pull: 'acme/plans#8' }).state,
    ];

    // Assert
    expect(states).toEqual(['verified', 'forged', 'forged']);
  });
});

describe('a deleted sticky comment', () => {
  it('is rebuilt on the next push: one summary, no duplicate threads, the accepted risk and its reason kept', async () => {
    // Arrange: the author accepts the Critical as a risk, then someone deletes the summary.
    const { h, github } = await reviewed();
    const critical = roots(github).find((c) => /drops a table/.test(c.body))!;
    await replyInThread(h, critical.id, 'alice', "won't fix: the table has been empty since 2024");
    expect(statusOf(github, 'destructive-migration')).toBe('accepted-risk');
    github.issueComments = [];
    const rootsBefore = roots(github).length;

    // Act
    await push(h, '3'.repeat(40), `${PLAN}\nMore words.\n`);

    // Assert
    expect(summaries(github)).toHaveLength(1);
    expect(roots(github)).toHaveLength(rootsBefore);
    const entry = decodeLedger(summaries(github)[0]!.body)!.entries.find((e) => e.finding.concern === 'destructive-migration')!;
    expect([entry.status, entry.history.at(-1)?.by, entry.history.at(-1)?.note]).toEqual(['accepted-risk', 'alice', 'the table has been empty since 2024']);
    expect(summaries(github)[0]!.body).toContain('The summary comment holding the ledger was missing: it was rebuilt');
  });
});

describe('a ledger too large for one comment', () => {
  it('is compacted to the budget, and the open findings it leaves out still hold the gate', () => {
    // Arrange: 8,000 open findings, 7,950 of them held beyond the caps.
    const finding = (i: number) => ({
      id: i.toString(16).padStart(12, '0'),
      concern: 'sql.fk-on-delete',
      ruleId: 'sql.fk-on-delete',
      personas: ['database-architect'],
      engines: ['checklist' as const],
      severity: (i % 3 === 0 ? 'critical' : 'important') as 'critical' | 'important',
      title: `Foreign key ${i} does not say what happens on delete`,
      body: 'x'.repeat(400),
      recommendation: 'required' as const,
      suggestion: null,
      anchor: {
        path: PATH,
        level: 'line' as const,
        startLine: i + 1,
        endLine: i + 1,
        quote: `CREATE TABLE t${i} (team_id int REFERENCES teams(id));`,
        section: 'Schema',
      },
    });
    const ledger: Ledger = {
      version: 1,
      revisions: [],
      dropped: { critical: 0, important: 0, niceToHave: 0 },
      entries: Array.from({ length: 8000 }, (_, i) => ({
        finding: finding(i),
        status: 'open' as const,
        raisedIn: 'a'.repeat(40),
        threadCommentId: i < 50 ? 1000 + i : null,
        threadNodeId: null,
        resolved: false,
        claim: null,
        history: [{ status: 'open' as const, sha: 'a'.repeat(40), at: 'now', by: null, note: null, lines: null }],
        held: i >= 50,
      })),
    };

    // Act
    const text = encodeLedger(ledger);
    const back = decodeLedger(text)!;

    // Assert
    expect(text.length).toBeLessThanOrEqual(LEDGER_BUDGET_CHARS);
    expect(back.entries.filter((e) => e.threadCommentId !== null)).toHaveLength(50);
    expect(back.entries.length + back.dropped.critical + back.dropped.important).toBe(8000);
    expect(computeGate(back, 'critical').blocking).toBe(computeGate(ledger, 'critical').blocking);
  });

  it("keeps the sticky comment under GitHub's limit for 1,500 CREATE TABLE statements, and the gate answers", async () => {
    // Arrange
    const github = new FakeGitHub();
    github.config = 'reviewers:\n  enable: [database-architect]\n';
    const sql = Array.from({ length: 1500 }, (_, i) => `CREATE TABLE t${i} (id int, name varchar(20), team_id int REFERENCES teams(id));`).join('\n');
    github.push('4'.repeat(40), { [PATH]: `# Schema\n\n\`\`\`sql\n${sql}\n\`\`\`\n` });
    const h = await createHarness({ github, env: ENV });

    // Act
    await h.opened();

    // Assert
    const sticky = summaries(github);
    expect(sticky).toHaveLength(1);
    expect(sticky[0]!.body.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    const run = github.checkRuns.at(-1)!;
    expect([run.status, run.output?.title]).toEqual(['completed', expect.stringMatching(/block the merge|^Readiness/)]);
    expect(decodeLedger(sticky[0]!.body)!.entries.length).toBeGreaterThan(0);
  }, 120_000);
});

describe('a reply after the sticky comment was deleted', () => {
  it('rebuilds the ledger first and records the accepted risk, instead of dropping the reply', async () => {
    // Arrange
    const { h, github } = await reviewed();
    const critical = roots(github).find((c) => /drops a table/.test(c.body))!;
    github.issueComments = [];
    const rootsBefore = roots(github).length;

    // Act
    await replyInThread(h, critical.id, 'alice', "won't fix: the table has been empty since 2024");

    // Assert
    expect(summaries(github)).toHaveLength(1);
    expect(roots(github)).toHaveLength(rootsBefore);
    expect(statusOf(github, 'destructive-migration')).toBe('accepted-risk');
    expect(github.reviewComments.filter((c) => c.in_reply_to_id === critical.id && c.user.type === 'Bot').map((c) => c.body)).toEqual([
      expect.stringContaining('Recorded as an accepted risk by'),
    ]);
  });
});
