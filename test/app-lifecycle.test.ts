import { describe, expect, it } from '@jest/globals';
import { decodeLedger } from '../src/ledger/ledger-codec.js';
import { createHarness, type Harness, replyInThread } from './helpers/app-harness.js';
import { FakeGitHub } from './helpers/fake-github.js';
import { webhookExample, withOverrides } from './helpers/webhook-examples.js';

const PATH = 'docs/rfcs/team-invites.md';

function plan(fixes: { onDelete?: boolean; ifNotExists?: boolean; check?: boolean }): string {
  return [
    '# Team Invitations',
    '',
    '## Schema',
    '```sql',
    `CREATE TABLE ${fixes.ifNotExists ? 'IF NOT EXISTS ' : ''}team_invites (`,
    '  id BIGSERIAL PRIMARY KEY,',
    `  inviter_id BIGINT NOT NULL REFERENCES users(id)${fixes.onDelete ? ' ON DELETE CASCADE' : ''},`,
    '  email TEXT NOT NULL,',
    `  status VARCHAR(20) NOT NULL DEFAULT 'pending'${fixes.check ? " CHECK (status IN ('pending', 'accepted', 'expired'))" : ''},`,
    '  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),',
    '  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()',
    ');',
    'CREATE INDEX IF NOT EXISTS team_invites_inviter_idx ON team_invites (inviter_id);',
    '```',
    '',
    '## Rollback',
    'Drop the table with `DROP TABLE IF EXISTS team_invites;` — nothing else depends on it.',
  ].join('\n');
}

async function push(h: Harness, sha: string, text: string): Promise<void> {
  await h.pushed(sha, { [PATH]: text });
}

function rootOf(github: FakeGitHub, title: RegExp): number {
  return github.reviewComments.find((c) => c.in_reply_to_id === undefined && title.test(c.body))!.id;
}

function latestConclusion(github: FakeGitHub): string | null {
  return github.checkRuns.filter((c) => c.head_sha === github.pull.head.sha).at(-1)?.conclusion ?? null;
}

function statuses(github: FakeGitHub): string[] {
  return decodeLedger(github.issueComments[0]?.body)!.entries.map((e) => `${e.finding.ruleId}:${e.status}`);
}

/** A PR whose plan has one finding (the foreign key's ON DELETE), reviewed once. */
async function openedWithOneFinding(): Promise<{ h: Harness; github: FakeGitHub; fk: number }> {
  const github = new FakeGitHub();
  github.config = 'reviewers:\n  enable: [database-architect]\n';
  const h = await createHarness({ github });
  github.push('1'.repeat(40), { [PATH]: plan({ ifNotExists: true, check: true }) });
  await h.opened();
  return { h, github, fk: rootOf(github, /does not say what happens/) };
}

describe('a finding followed to its end', () => {
  it('verifies fixes across revisions, answers in threads, resolves them and keeps the gate honest', async () => {
    // Arrange: a plan with three findings (one Critical, two Important), and a gate that counts Important.
    const github = new FakeGitHub();
    github.config = 'reviewers:\n  enable: [database-architect]\ngate: important\n';
    const h = await createHarness({ github });
    github.push('1'.repeat(40), { [PATH]: plan({}) });

    // 1. Opened: one review, three threads, the gate fails.
    await h.opened();
    expect(github.reviewComments.map((c) => c.line)).toEqual([7, 5, 9]);
    expect(latestConclusion(github)).toBe('failure');
    const fk = rootOf(github, /does not say what happens when the parent is deleted/);
    const ifNotExists = rootOf(github, /without IF NOT EXISTS/);
    const status = rootOf(github, /accepts any string/);

    // 2. The author says "addressed" before pushing: the app checks the head and says it is not fixed yet.
    await replyInThread(h, fk, 'alice', 'Addressed, added ON DELETE CASCADE.');
    expect(github.thread(fk).replies.at(-1)).toMatch(/^⏳ Checked `1111111`: not fixed yet/);
    expect(github.thread(fk).resolved).toBe(false);

    // 3. A revision fixing two of three: two replies with evidence, two threads resolved, one open, gate still failing.
    await push(h, '2'.repeat(40), plan({ onDelete: true, ifNotExists: true }));
    expect(github.thread(fk).replies.at(-1)).toMatch(
      /^✅ Addressed in `2222222`: now reads “inviter_id BIGINT NOT NULL REFERENCES users\(id\) ON DELETE CASCADE,” \(line 7\)\. Resolving this thread\./,
    );
    expect(github.thread(ifNotExists).replies.at(-1)).toMatch(/^✅ Addressed in `2222222`: now reads “CREATE TABLE IF NOT EXISTS team_invites \(” \(line 5\)/);
    expect([github.thread(fk).resolved, github.thread(ifNotExists).resolved, github.thread(status).resolved]).toEqual([true, true, false]);
    expect(github.thread(status).replies).toEqual([]);
    expect(statuses(github)).toEqual(['sql.fk-on-delete:addressed', 'sql.create-without-if-not-exists:addressed', 'sql.varchar-enumeration:open']);
    expect(latestConclusion(github)).toBe('failure');
    expect(github.reviews).toHaveLength(1);

    // 4. The last fix: the gate passes.
    await push(h, '3'.repeat(40), plan({ onDelete: true, ifNotExists: true, check: true }));
    expect(github.thread(status).replies.at(-1)).toMatch(/^✅ Addressed in `3333333`/);
    expect(github.thread(status).resolved).toBe(true);
    expect(latestConclusion(github)).toBe('success');
    expect(github.reviews).toHaveLength(1);
    const summary = github.issueComments[0]!.body;
    expect(summary).toContain('### What changed since `2222222`');
    expect(summary).toContain('| `1111111` | 7/10 |');
    expect(summary).toContain('| `3333333` | 10/10 |');
  });

  it('reopens a fixed finding that comes back as regressed', async () => {
    const github = new FakeGitHub();
    github.config = 'reviewers:\n  enable: [database-architect]\n';
    const h = await createHarness({ github });
    github.push('1'.repeat(40), { [PATH]: plan({ ifNotExists: true, check: true }) });
    await h.opened();
    const fk = rootOf(github, /does not say what happens/);

    await push(h, '2'.repeat(40), plan({ onDelete: true, ifNotExists: true, check: true }));
    await push(h, '3'.repeat(40), plan({ ifNotExists: true, check: true }));

    expect(github.thread(fk).replies.at(-1)).toMatch(/^⚠️ This is back in `3333333`/);
    expect(github.thread(fk).resolved).toBe(false);
    expect(statuses(github)).toEqual(['sql.fk-on-delete:regressed']);
    expect(latestConclusion(github)).toBe('failure');
  });
});

describe('replies in a finding thread', () => {
  it("records won't fix from a user with write access as an accepted risk and passes the gate", async () => {
    const { h, github, fk } = await openedWithOneFinding();
    github.permissions.set('maria', 'write');

    await replyInThread(h, fk, 'maria', "Won't fix: invites are purged nightly, orphans cannot build up.");

    expect(github.thread(fk).replies.at(-1)).toMatch(/^🤝 Recorded as an accepted risk by maria: “invites are purged nightly, orphans cannot build up\.”/);
    expect(github.thread(fk).resolved).toBe(true);
    expect(statuses(github)).toEqual(['sql.fk-on-delete:accepted-risk']);
    expect(latestConclusion(github)).toBe('success');
  });

  it("refuses an unauthorised won't fix politely and changes nothing", async () => {
    const { h, github, fk } = await openedWithOneFinding();

    await replyInThread(h, fk, 'mallory', "won't fix: not needed");

    expect(github.thread(fk).replies.at(-1)).toMatch(/^Thanks for the input, mallory\. I have not changed this finding/);
    expect(statuses(github)).toEqual(['sql.fk-on-delete:open']);
    expect(latestConclusion(github)).toBe('failure');
  });

  it('lets the author accept a Critical only when the policy allows it', async () => {
    const { h, github, fk } = await openedWithOneFinding();

    await replyInThread(h, fk, 'alice', "won't fix: cascade is handled by the service");

    expect(github.thread(fk).replies.at(-1)).toMatch(/only by someone with write access/);
    expect(statuses(github)).toEqual(['sql.fk-on-delete:open']);
  });

  it('answers a question with the reasoning and how to settle it', async () => {
    const { h, github, fk } = await openedWithOneFinding();

    await replyInThread(h, fk, 'alice', 'Why does this matter if we never delete users?');

    expect(github.thread(fk).replies.at(-1)).toMatch(/^Here is the reasoning \(Database Architect\): With no `ON DELETE` clause/);
    expect(statuses(github)).toEqual(['sql.fk-on-delete:open']);
  });

  it('ignores a spoofed marker in a human comment', async () => {
    const { h, github, fk } = await openedWithOneFinding();
    const forged = `<!-- rfc-panel:finding id=${decodeLedger(github.issueComments[0]!.body)!.entries[0]!.finding.id} -->`;
    // A human writes a top-level comment that imitates a finding, then replies to it.
    const fake = github.humanReply(fk, 'mallory', forged);
    fake.in_reply_to_id = undefined;
    fake.pull_request_review_id = 1;

    await replyInThread(h, fake.id, 'mallory', 'addressed');
    github.humanIssueComment('mallory', `<!-- rfc-panel:summary -->\n<!-- rfc-panel:ledger AAAA -->`);
    await h.opened('reopened');

    expect(github.reviewComments.filter((c) => c.user.type === 'Bot' && c.in_reply_to_id === fake.id)).toEqual([]);
    expect(github.issueComments.filter((c) => c.user.type === 'Bot')).toHaveLength(1);
    expect(statuses(github)).toEqual(['sql.fk-on-delete:open']);
  });

  it('never answers its own comments', async () => {
    const { h, github, fk } = await openedWithOneFinding();
    const before = github.reviewComments.length;
    const payload = withOverrides(webhookExample('pull_request_review_comment', 'created'), {
      installation: { id: 1 },
      repository: { name: github.repo, full_name: `${github.owner}/${github.repo}`, owner: { login: github.owner } },
      pull_request: { number: github.pull.number, state: 'open' },
      comment: { id: 99999, body: 'addressed', in_reply_to_id: fk, user: { login: 'rfc-panel[bot]', type: 'Bot' } },
    });

    await h.send('pull_request_review_comment', payload);

    expect(github.reviewComments.length).toBe(before);
  });

  it('replies only, and says so, when it may not resolve threads', async () => {
    const { h, github, fk } = await openedWithOneFinding();
    github.canResolveThreads = false;

    await push(h, '2'.repeat(40), plan({ onDelete: true, ifNotExists: true, check: true }));

    expect(github.thread(fk).replies.at(-1)).toMatch(/^✅ Addressed in `2222222`/);
    expect(github.thread(fk).resolved).toBe(false);
    expect(github.issueComments[0]!.body).toContain('lacks the permission to resolve review threads');
    expect(latestConclusion(github)).toBe('success');
  });
});

describe('an author response document', () => {
  it('checks each claimed fix at its claimed location and closes what is verified', async () => {
    const github = new FakeGitHub();
    github.config = 'reviewers:\n  enable: [database-architect]\n';
    const h = await createHarness({ github });
    github.push('1'.repeat(40), { [PATH]: plan({}) });
    await h.opened();
    const fk = rootOf(github, /does not say what happens/);
    // The fixes are on the branch; the author answers before any re-review ran.
    github.push('2'.repeat(40), { [PATH]: plan({ onDelete: true, ifNotExists: true }) });
    const response = [
      '## Findings Addressed',
      '',
      '### ✅ Critical: Foreign key on inviter_id',
      '**Your finding:** "Foreign key team_invites.inviter_id does not say what happens when the parent is deleted"',
      '**Resolution:** added ON DELETE CASCADE.',
      '**Location:** Lines 7-7',
      '',
      '### ✅ Important: IF NOT EXISTS',
      '**Your finding:** "team_invites is created without IF NOT EXISTS"',
      '**Location:** Lines 15-16',
      '',
      '### ✅ Critical: status values',
      '**Your finding:** "team_invites.status accepts any string for what is a fixed set of values"',
      '**Location:** Lines 9-9',
    ].join('\n');
    const comment = github.humanIssueComment('alice', response);
    const payload = withOverrides(webhookExample('issue_comment', 'created'), {
      installation: { id: 1 },
      repository: { name: github.repo, full_name: `${github.owner}/${github.repo}`, owner: { login: github.owner } },
      issue: {
        number: github.pull.number,
        state: 'open',
        pull_request: { url: `https://api.github.com/repos/${github.owner}/${github.repo}/pulls/${github.pull.number}` },
      },
      comment: { id: comment.id, body: response, user: { login: 'alice', type: 'User' } },
    });

    await h.send('issue_comment', payload);

    const answer = github.issueComments.filter((c) => c.user.type === 'Bot').at(-1)!.body;
    expect(
      answer
        .split('\n')
        .filter((l) => l.startsWith('| ') && !l.startsWith('| Item'))
        .map((l) => l.split(' | ')[2]),
    ).toEqual(['✅ verified', '✅ verified (elsewhere)', '⏳ not fixed yet']);
    expect(answer).toContain('fixed, but the evidence is at lines 5–5, not 15–16');
    expect(github.thread(fk).resolved).toBe(true);
    expect(statuses(github)).toEqual(['sql.fk-on-delete:addressed', 'sql.create-without-if-not-exists:addressed', 'sql.varchar-enumeration:open']);
  });
});

describe('a response document in the pull request', () => {
  it('is not reviewed as a plan, and its claims are checked once', async () => {
    const github = new FakeGitHub();
    github.config = 'reviewers:\n  enable: [database-architect]\n';
    const h = await createHarness({ github });
    github.push('1'.repeat(40), { [PATH]: plan({}) });
    await h.opened();
    const response = [
      '# Response to review',
      '',
      '## Findings Addressed',
      '',
      '### ✅ Foreign key on inviter_id',
      '**Your finding:** "Foreign key team_invites.inviter_id does not say what happens when the parent is deleted"',
      '**Location:** Lines 7-7',
    ].join('\n');

    await push(h, '2'.repeat(40), plan({ onDelete: true }));
    await h.pushed('3'.repeat(40), { [PATH]: plan({ onDelete: true }), 'docs/rfcs/team-invites-RESPONSE.md': response });
    await h.pushed('4'.repeat(40), { [PATH]: plan({ onDelete: true, check: true }), 'docs/rfcs/team-invites-RESPONSE.md': response });

    const answers = github.issueComments.filter((c) => c.user.type === 'Bot' && c.body.startsWith('Checked'));
    expect(answers.map((c) => c.body.split('\n')[0])).toEqual(['Checked 1 item(s) of `docs/rfcs/team-invites-RESPONSE.md` against `3333333`:']);
    expect(answers[0]!.body).toContain('✅ verified');
    expect(github.reviewComments.filter((c) => c.path.endsWith('RESPONSE.md'))).toEqual([]);
  });
});

describe('who may move a finding, and saying things once', () => {
  it('does not let a bystander mark a finding addressed', async () => {
    const { h, github, fk } = await openedWithOneFinding();
    github.push('2'.repeat(40), { [PATH]: plan({ onDelete: true, ifNotExists: true, check: true }) });

    await replyInThread(h, fk, 'mallory', 'addressed');

    expect(github.thread(fk).replies.at(-1)).toMatch(/^Thanks, mallory\. Every finding is re-checked/);
    expect(statuses(github)).toEqual(['sql.fk-on-delete:open']);
  });

  it('answers a redelivered reply once', async () => {
    const { h, github, fk } = await openedWithOneFinding();
    const comment = github.humanReply(fk, 'alice', 'Why does this matter?');
    const payload = withOverrides(webhookExample('pull_request_review_comment', 'created'), {
      installation: { id: 1 },
      repository: { name: github.repo, full_name: `${github.owner}/${github.repo}`, owner: { login: github.owner } },
      pull_request: { number: github.pull.number, state: 'open' },
      comment: { id: comment.id, body: comment.body, in_reply_to_id: fk, user: { login: 'alice', type: 'User' } },
    });

    await h.send('pull_request_review_comment', payload, 'first-delivery');
    await h.send('pull_request_review_comment', payload, 'second-delivery');

    expect(github.reviewComments.filter((c) => c.in_reply_to_id === fk && c.user.type === 'Bot')).toHaveLength(1);
  });

  it('ignores /rfc-panel review from someone without write access', async () => {
    const { h, github } = await openedWithOneFinding();
    const runs = github.checkRuns.length;
    const comment = github.humanIssueComment('mallory', '/rfc-panel review');
    const payload = withOverrides(webhookExample('issue_comment', 'created'), {
      installation: { id: 1 },
      repository: { name: github.repo, full_name: `${github.owner}/${github.repo}`, owner: { login: github.owner } },
      issue: {
        number: github.pull.number,
        state: 'open',
        pull_request: { url: `https://api.github.com/repos/${github.owner}/${github.repo}/pulls/${github.pull.number}` },
      },
      comment: { id: comment.id, body: comment.body, user: { login: 'mallory', type: 'User' } },
    });

    await h.send('issue_comment', payload);

    expect(github.checkRuns.length).toBe(runs);
  });

  it('reviews a plan whose name merely contains "response" as a plan', async () => {
    const github = new FakeGitHub();
    github.config = 'reviewers:\n  enable: [database-architect]\n';
    const h = await createHarness({ github });
    github.push('1'.repeat(40), { 'docs/rfcs/incident-response-rfc.md': plan({ ifNotExists: true, check: true }) });

    await h.opened();

    expect(github.reviewComments.map((c) => c.path)).toEqual(['docs/rfcs/incident-response-rfc.md']);
  });
});

describe('a change request the app made', () => {
  it('is dismissed once no Critical finding is open', async () => {
    const github = new FakeGitHub();
    github.config = 'reviewers:\n  enable: [database-architect]\nreviewEvent: request-changes\n';
    const h = await createHarness({ github });
    github.push('1'.repeat(40), { [PATH]: plan({ ifNotExists: true, check: true }) });
    await h.opened();
    expect(github.reviews.map((r) => r.state)).toEqual(['CHANGES_REQUESTED']);

    await push(h, '2'.repeat(40), plan({ onDelete: true, ifNotExists: true, check: true }));

    expect(github.reviews.map((r) => r.state)).toEqual(['DISMISSED']);
  });
});
