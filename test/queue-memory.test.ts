import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { createMemoryQueue } from '../src/queue/create-memory-queue.js';
import { ExternalServiceError } from '../src/errors/errors.js';
import type { Job, ReviewJob } from '../src/queue/schema.js';

const log = pino({ level: 'silent' });

function review(delivery: string, headSha: string, pullNumber = 1, force = false): ReviewJob {
  return {
    kind: 'review',
    deliveryId: delivery,
    installationId: 1,
    owner: 'o',
    repo: 'r',
    pullNumber,
    headSha,
    trigger: 'synchronize',
    force,
    requestedBy: null,
  };
}

function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

describe('the in-process queue', () => {
  it('runs the jobs of one pull request one at a time, in order', async () => {
    const events: string[] = [];
    const first = gate();
    const queue = createMemoryQueue({
      log,
      process: async (job) => {
        events.push(`start ${job.deliveryId}`);
        if (job.deliveryId === 'd1') await first.wait;
        events.push(`end ${job.deliveryId}`);
      },
    });

    await queue.enqueue(review('d1', 'aaaaaaa'));
    await queue.enqueue({
      kind: 'reply',
      deliveryId: 'd2',
      installationId: 1,
      owner: 'o',
      repo: 'r',
      pullNumber: 1,
      commentId: 5,
      inReplyTo: 4,
      author: 'alice',
      body: 'done',
    });
    first.open();
    await queue.drain();

    expect(events).toEqual(['start d1', 'end d1', 'start d2', 'end d2']);
  });

  it('coalesces pushes that arrive while a review waits to the newest head', async () => {
    const seen: string[] = [];
    const first = gate();
    const queue = createMemoryQueue({
      log,
      process: async (job: Job) => {
        if (job.kind === 'review') seen.push(job.headSha!);
        if (job.deliveryId === 'd1') await first.wait;
      },
    });

    const outcomes = [await queue.enqueue(review('d1', 'aaaaaaa')), await queue.enqueue(review('d2', 'bbbbbbb')), await queue.enqueue(review('d3', 'ccccccc'))];
    first.open();
    await queue.drain();

    expect(outcomes).toEqual(['queued', 'queued', 'coalesced']);
    expect(seen).toEqual(['aaaaaaa', 'ccccccc']);
  });

  it('drops a redelivery and a second event for the head under review', async () => {
    const first = gate();
    let runs = 0;
    const queue = createMemoryQueue({
      log,
      process: async () => {
        runs++;
        await first.wait;
      },
    });

    const outcomes = [await queue.enqueue(review('d1', 'aaaaaaa')), await queue.enqueue(review('d1', 'aaaaaaa')), await queue.enqueue(review('d2', 'aaaaaaa'))];
    first.open();
    await queue.drain();

    expect([outcomes, runs]).toEqual([['queued', 'duplicate', 'duplicate'], 1]);
  });

  it('runs different pull requests side by side', async () => {
    const both = gate();
    let started = 0;
    const queue = createMemoryQueue({
      log,
      process: async () => {
        started++;
        if (started === 2) both.open();
        await both.wait;
      },
    });

    await queue.enqueue(review('d1', 'aaaaaaa', 1));
    await queue.enqueue(review('d2', 'aaaaaaa', 2));
    await queue.drain();

    expect(started).toBe(2);
  });

  it('runs at most maxActive jobs at once across pull requests, then the rest in turn', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    const queue = createMemoryQueue({
      log,
      maxActive: 2,
      process: async (job) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        done.push(job.pullNumber);
      },
    });

    for (let pr = 1; pr <= 5; pr++) await queue.enqueue(review(`d${pr}`, 'aaaaaaa', pr));
    await queue.drain();

    expect([peak, done.sort()]).toEqual([2, [1, 2, 3, 4, 5]]);
  });

  it('retries a job that failed for a retryable reason', async () => {
    let attempts = 0;
    const queue = createMemoryQueue({
      log,
      backoffMs: () => 1,
      process: async () => {
        attempts++;
        if (attempts < 3) throw new ExternalServiceError('github', 'HTTP 502', true, 502);
      },
    });

    await queue.enqueue(review('d1', 'aaaaaaa'));
    await queue.drain();

    expect(attempts).toBe(3);
  });

  it('waits as long as the service asked before retrying', async () => {
    const at: number[] = [];
    const queue = createMemoryQueue({
      log,
      backoffMs: () => 1,
      process: async () => {
        at.push(Date.now());
        if (at.length === 1) throw new ExternalServiceError('github', 'secondary rate limit', true, 403, { retryAfterMs: 60 });
      },
    });

    await queue.enqueue(review('d1', 'aaaaaaa'));
    await queue.drain();

    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(55);
  });

  it('does not retry a job that failed for good', async () => {
    let attempts = 0;
    const queue = createMemoryQueue({
      log,
      backoffMs: () => 1,
      process: async () => {
        attempts++;
        throw new Error('bug');
      },
    });

    await queue.enqueue(review('d1', 'aaaaaaa'));
    await queue.drain();

    expect(attempts).toBe(1);
  });
});
