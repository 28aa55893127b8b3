// The review and reply jobs run on an in-memory pull request (test/helpers/memory-gateway.ts): the
// orchestration is tested without HTTP, through the same gateway the jobs use on GitHub.
import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import type { JobDeps } from '../src/jobs/job-deps.js';
import { runReplyJob } from '../src/jobs/run-reply-job.js';
import { runReviewJob } from '../src/jobs/run-review-job.js';
import { decodeLedger } from '../src/ledger/ledger-codec.js';
import { stubEngine } from './helpers/app-harness.js';
import { MEMORY_BOT, MemoryGateway } from './helpers/memory-gateway.js';

const PATH = 'docs/rfcs/plan.md';
const TODO = { quote: 'TODO', concern: 'todo', severity: 'important' as const, title: 'A TODO is left' };

function depsOn(github: MemoryGateway): JobDeps {
  return {
    gateway: () => github,
    log: pino({ level: 'silent' }),
    env: {},
    createEngines: async () => [stubEngine([TODO])],
    dryRun: false,
    now: () => new Date('2026-11-29T10:00:00Z'),
    identity: async () => MEMORY_BOT,
  };
}

const review = (github: MemoryGateway) => ({
  kind: 'review' as const,
  deliveryId: 'd1',
  installationId: 1,
  owner: github.pull.owner,
  repo: github.pull.repo,
  pullNumber: github.pull.pullNumber,
  headSha: github.snapshot.headSha,
  trigger: 'opened' as const,
  force: false,
  requestedBy: null,
});

describe('the review job on an in-memory pull request', () => {
  it('posts one review with the finding, a summary carrying the ledger, and a completed check run', async () => {
    // Arrange
    const github = new MemoryGateway();
    github.push('1'.repeat(40), { [PATH]: '# Plan\n\nTODO: rollout\n' });

    // Act
    await runReviewJob(depsOn(github), review(github));

    // Assert
    expect(github.reviews.map((r) => r.inline.map((c) => [c.path, c.line]))).toEqual([[[PATH, 3]]]);
    const ledger = decodeLedger(github.issueComments[0]!.body)!;
    expect(ledger.entries.map((e) => [e.finding.concern, e.status, e.threadCommentId !== null])).toEqual([['todo', 'open', true]]);
    expect(github.checkRuns.map((r) => [r.headSha, r.status, r.result?.conclusion])).toEqual([['1'.repeat(40), 'completed', 'success']]);
  });

  it('records an accepted risk from the author and answers once in the thread', async () => {
    // Arrange
    const github = new MemoryGateway();
    github.push('1'.repeat(40), { [PATH]: '# Plan\n\nTODO: rollout\n' });
    const deps = depsOn(github);
    await runReviewJob(deps, review(github));
    const root = github.reviewComments[0]!;
    github.reviewComments.push({ id: 999, body: "won't fix: tracked elsewhere", user: { login: 'alice', type: 'User' }, in_reply_to_id: root.id });
    const reply = {
      kind: 'reply' as const,
      deliveryId: 'd2',
      installationId: 1,
      owner: 'acme',
      repo: 'plans',
      pullNumber: 7,
      commentId: 999,
      inReplyTo: root.id,
      author: 'alice',
      body: "won't fix: tracked elsewhere",
    };

    // Act
    await runReplyJob(deps, reply);
    await runReplyJob(deps, reply);

    // Assert
    const answers = github.reviewComments.filter((c) => c.in_reply_to_id === root.id && c.user?.type === 'Bot');
    expect(answers.map((c) => c.body.split('\n')[0])).toEqual([
      '🤝 Recorded as an accepted risk by alice: “tracked elsewhere”. It no longer counts against the merge gate.',
    ]);
    expect(decodeLedger(github.issueComments[0]!.body)!.entries.map((e) => e.status)).toEqual(['accepted-risk']);
  });
});
