// Issue #13, case 1: an outsider's `/rfc-panel review` must not take the place of a push's waiting
// review (which left the new head's check run queued forever).
import { describe, expect, it } from '@jest/globals';
import type { Engine } from '../src/engines/types.js';
import { createMemoryQueue } from '../src/queue/create-memory-queue.js';
import type { Job } from '../src/queue/schema.js';
import { createHarness, stubEngine } from './helpers/app-harness.js';
import { FakeGitHub } from './helpers/fake-github.js';
import { pullRequestPayload, webhookExample, withOverrides } from './helpers/webhook-examples.js';
import pino from 'pino';

const PATH = 'docs/rfcs/plan.md';
const FIRST = '1'.repeat(40);
const SECOND = '2'.repeat(40);

/** An engine whose first review waits until the test lets it go, so later jobs queue behind it. */
function gatedEngine(): { engine: Engine; release: () => void; started: Promise<void> } {
  const inner = stubEngine([{ quote: 'TODO', concern: 'todo', severity: 'important', title: 'A TODO is left in the plan' }]);
  let release!: () => void;
  let started!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const began = new Promise<void>((r) => (started = r));
  let first = true;
  return {
    engine: {
      name: 'checklist',
      async review(request) {
        if (first) {
          first = false;
          started();
          await gate;
        }
        return inner.review(request);
      },
    },
    release,
    started: began,
  };
}

function commandFrom(github: FakeGitHub, login: string): unknown {
  const comment = github.humanIssueComment(login, '/rfc-panel review');
  return withOverrides(webhookExample('issue_comment', 'created'), {
    installation: { id: 1 },
    repository: { name: github.repo, full_name: `${github.owner}/${github.repo}`, owner: { login: github.owner } },
    issue: { number: github.pull.number, state: 'open', user: { login: 'alice', type: 'User' }, pull_request: { url: 'https://api.github.com/x' } },
    comment: { id: comment.id, body: comment.body, user: { login, type: 'User' } },
  });
}

describe('permission is checked when a review command is enqueued', () => {
  it('reviews the new head when an outsider comments /rfc-panel review while the push waits', async () => {
    // Arrange: the first review is running, a push's review waits behind it.
    const github = new FakeGitHub();
    const gated = gatedEngine();
    const h = await createHarness({ github, createEngines: async () => [gated.engine] });
    github.push(FIRST, { [PATH]: '# Plan\n\nTODO: rollout\n' });
    await h.probot.receive({
      id: 'open',
      name: 'pull_request',
      payload: pullRequestPayload('opened', {
        owner: github.owner,
        repo: github.repo,
        number: github.pull.number,
        headSha: FIRST,
        installationId: 1,
        userLogin: 'alice',
        userType: 'User',
      }),
    } as never);
    await gated.started;
    github.push(SECOND, { [PATH]: '# Plan\n\nTODO: rollout, now staged\n' });
    await h.probot.receive({
      id: 'push',
      name: 'pull_request',
      payload: pullRequestPayload('synchronize', {
        owner: github.owner,
        repo: github.repo,
        number: github.pull.number,
        headSha: SECOND,
        installationId: 1,
        userLogin: 'alice',
        userType: 'User',
      }),
    } as never);

    // Act: mallory (read access) asks for a review, then the running review finishes.
    await h.probot.receive({ id: 'mallory', name: 'issue_comment', payload: commandFrom(github, 'mallory') } as never);
    gated.release();
    await h.queue().drain();

    // Assert: the new head was reviewed and its check run completed; nothing stays queued.
    const second = github.checkRuns.filter((c) => c.head_sha === SECOND);
    expect(second.map((c) => c.status)).toEqual(['completed']);
    expect(github.reviews.map((r) => r.commit_id)).toContain(SECOND);
    expect(github.checkRuns.filter((c) => c.status !== 'completed')).toEqual([]);
  });

  it('queues the command of a user with write access, and of the pull request author', async () => {
    // Arrange
    const github = new FakeGitHub();
    github.permissions.set('maya', 'write');
    const h = await createHarness({ github, createEngines: async () => [stubEngine([])] });
    github.push(FIRST, { [PATH]: '# Plan\n' });
    await h.opened();
    const before = github.checkRuns.length;

    // Act
    await h.send('issue_comment', commandFrom(github, 'maya'));
    await h.send('issue_comment', commandFrom(github, 'alice'));

    // Assert: two more runs, both completed.
    expect(github.checkRuns.slice(before).map((c) => c.status)).toEqual(['completed', 'completed']);
  });
});

describe('the memory queue', () => {
  it('keeps a waiting push review when a command arrives, and makes it a forced re-review', async () => {
    // Arrange: one job runs, a push review waits.
    const ran: Job[] = [];
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    const queue = createMemoryQueue({
      log: pino({ level: 'silent' }),
      process: async (job) => {
        ran.push(job);
        if (ran.length === 1) await blocked;
      },
    });
    const base = { installationId: 1, owner: 'o', repo: 'r', pullNumber: 1, kind: 'review' as const, requestedBy: null };
    await queue.enqueue({ ...base, deliveryId: 'a', headSha: 'a'.repeat(40), trigger: 'opened', force: false });
    await queue.enqueue({ ...base, deliveryId: 'b', headSha: 'b'.repeat(40), trigger: 'synchronize', force: false });

    // Act
    const outcome = await queue.enqueue({ ...base, deliveryId: 'c', headSha: null, trigger: 'command', force: true, requestedBy: 'maya' });
    release();
    await queue.drain();

    // Assert
    expect(outcome).toBe('coalesced');
    expect(ran.map((j) => [j.deliveryId, j.kind === 'review' && j.force])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });
});
