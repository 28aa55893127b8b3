// Issue #13, case 7: a process killed with SIGKILL loses the in-process queue; after a restart no
// `rfc-panel` check run stays open without a way to finish it.
import { describe, expect, it } from '@jest/globals';
import type { JobQueue } from '../src/queue/schema.js';
import { createHarness, stubEngine } from './helpers/app-harness.js';
import { FakeGitHub } from './helpers/fake-github.js';

const PATH = 'docs/rfcs/plan.md';
const HEAD = 'd'.repeat(40);
const engines = async () => [stubEngine([{ quote: 'TODO', concern: 'todo', severity: 'important', title: 'A TODO is left' }])];

/** A process that accepts and announces jobs, then dies before running any (kill -9). */
function dyingQueue(_process: unknown, _log: unknown, announce: (job: Parameters<JobQueue['enqueue']>[0]) => Promise<void>): JobQueue {
  return {
    enqueue: async (job) => {
      await announce(job);
      return 'queued';
    },
    drain: async () => undefined,
    close: async () => undefined,
  };
}

describe('restarting after the process was killed mid-review', () => {
  it('finds the open check run on the head and completes it with a review', async () => {
    // Arrange: the first process announced the review (queued) and died.
    const github = new FakeGitHub();
    github.push(HEAD, { [PATH]: '# Plan\n\nTODO: rollout\n' });
    const dead = await createHarness({ github, createEngines: engines, createQueue: dyingQueue });
    await dead.opened();
    expect(github.checkRuns.map((c) => c.status)).toEqual(['queued']);

    // Act: a new process starts.
    let recovery: Promise<unknown> = Promise.resolve();
    const restarted = await createHarness({ github, createEngines: engines, recoverOnStart: true, onRecovery: (done) => (recovery = done) });
    const result = await recovery;
    await restarted.queue().drain();

    // Assert
    expect(result).toEqual({ requeued: 1, scannedPulls: 1, truncated: false });
    expect(github.checkRuns.map((c) => [c.status, c.actions.length > 0])).toEqual([['completed', true]]);
    expect(github.reviews).toHaveLength(1);
  });

  it('finishes a run left in progress whose review had already been posted, without posting it again', async () => {
    // Arrange: a complete review, then the run is reopened as if the process died before completing it.
    const github = new FakeGitHub();
    github.push(HEAD, { [PATH]: '# Plan\n\nTODO: rollout\n' });
    const first = await createHarness({ github, createEngines: engines });
    await first.opened();
    Object.assign(github.checkRuns[0]!, { status: 'in_progress', conclusion: null });

    // Act
    let recovery: Promise<unknown> = Promise.resolve();
    const restarted = await createHarness({ github, createEngines: engines, recoverOnStart: true, onRecovery: (done) => (recovery = done) });
    await recovery;
    await restarted.queue().drain();

    // Assert
    expect(github.checkRuns.map((c) => c.status)).toEqual(['completed']);
    expect(github.reviews).toHaveLength(1);
    expect(github.issueComments.filter((c) => c.user.type === 'Bot')).toHaveLength(1);
  });

  it('leaves pull requests not updated for a day alone, within a call budget', async () => {
    // Arrange
    const github = new FakeGitHub();
    github.updatedAt = '2026-11-20T10:00:00Z';
    github.push(HEAD, { [PATH]: '# Plan\n' });
    const dead = await createHarness({ github, createEngines: engines, createQueue: dyingQueue });
    await dead.opened();

    // Act
    let recovery: Promise<unknown> = Promise.resolve();
    await createHarness({ github, createEngines: engines, recoverOnStart: true, onRecovery: (done) => (recovery = done) });

    // Assert
    expect(await recovery).toEqual({ requeued: 0, scannedPulls: 0, truncated: false });
  });
});
