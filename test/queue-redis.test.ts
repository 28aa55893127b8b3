import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import pino from 'pino';
import { createRedisBudgetStore, createReviewBudget } from '../src/budget/create-review-budget.js';
import { ExternalServiceError } from '../src/errors/errors.js';
import type { HttpHandler } from '../src/metrics/endpoints.js';
import { createRedisQueue } from '../src/queue/create-redis-queue.js';
import type { RedisJobQueue, RedisQueueOptions } from '../src/queue/redis-queue-options.js';
import type { Job, ReplyJob, ReviewJob } from '../src/queue/schema.js';
import { createHarness, stubEngine } from './helpers/app-harness.js';
import { FakeGitHub } from './helpers/fake-github.js';
import { freePort, hasRedisServer, startRedisServer, type RedisServer } from './helpers/redis-server.js';

// These tests run a real redis-server (started here on a free loopback port, in memory only).
// .ci/run installs it; on a machine without the binary they are skipped, saying so.
const available = hasRedisServer();
if (!available) console.warn('queue-redis.test.ts skipped: no redis-server binary on PATH (apt-get install -y redis-server)');
const suite = available ? describe : describe.skip;

const log = pino({ level: 'silent' });
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
let server: RedisServer;
let redis: Redis;
let opened: RedisJobQueue[] = [];
let prefixes = 0;

/** Each test gets its own key prefix, so tests share one server without seeing each other's jobs. */
function prefix(): string {
  return `t${++prefixes}-${process.pid}`;
}

function queue(options: Partial<RedisQueueOptions> & Pick<RedisQueueOptions, 'process' | 'prefix'>): RedisJobQueue {
  const q = createRedisQueue({ url: server.url, log, lockDurationMs: 1000, stalledIntervalMs: 500, blockedRetryMs: 20, backoffMs: 10, ...options });
  opened.push(q);
  return q;
}

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

function reply(delivery: string, pullNumber = 1): ReplyJob {
  return {
    kind: 'reply',
    deliveryId: delivery,
    installationId: 1,
    owner: 'o',
    repo: 'r',
    pullNumber,
    commentId: 5,
    inReplyTo: 4,
    author: 'alice',
    body: 'done',
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A wait that does not keep the test process alive. */
const giveUpAfter = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

suite('the Redis queue (BullMQ, several replicas)', () => {
  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url);
  });

  afterEach(async () => {
    await Promise.all(opened.map((q) => q.close()));
    opened = [];
  });

  afterAll(async () => {
    await redis?.quit();
    await server?.stop();
  });

  it('finishes a review exactly once after the replica running it is killed with SIGKILL', async () => {
    const p = prefix();
    const child = spawn(process.execPath, ['--import', fixture('ts-loader.mjs'), fixture('redis-worker.ts'), server.url, 'killed-1', p], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise((r) => child.once('exit', r));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the worker never started the job: ${out}`));
      }, 15_000);
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('started killed-1')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGKILL');
    await exited;

    // Another replica; a reply for the same PR arrives meanwhile and must wait for the review.
    const done: string[] = [];
    const survivor = queue({
      prefix: p,
      process: async (job) => {
        await redis.rpush(`${p}:test:started`, `${job.deliveryId}@survivor`);
        done.push(job.deliveryId);
      },
    });
    await survivor.enqueue(reply('after-kill'));
    const started = Date.now();
    await survivor.drain();

    expect(done).toEqual(['killed-1', 'after-kill']);
    expect(await redis.lrange(`${p}:test:started`, 0, -1)).toEqual([`killed-1@${child.pid}`, 'killed-1@survivor', 'after-kill@survivor']);
    expect(await survivor.failed()).toEqual([]);
    expect(Date.now() - started).toBeLessThan(8000);
  }, 30_000);

  it("runs one PR's jobs one at a time and in order across two replicas, and different PRs side by side", async () => {
    const p = prefix();
    const events: string[] = [];
    let running = 0;
    let overlap = false;
    let otherPrStarted!: () => void;
    const otherPr = new Promise<void>((r) => (otherPrStarted = r));
    const work = async (job: Job) => {
      if (job.pullNumber === 2) {
        otherPrStarted();
        return;
      }
      if (running++ > 0) overlap = true;
      events.push(`start ${job.deliveryId}`);
      // The first job of PR 1 holds on until PR 2's job has started on some replica: PRs run in parallel.
      if (job.deliveryId === 'p1-a') await Promise.race([otherPr, giveUpAfter(5000)]);
      await sleep(30);
      events.push(`end ${job.deliveryId}`);
      running--;
    };
    const a = queue({ prefix: p, process: work, concurrency: 4 });
    const b = queue({ prefix: p, process: work, concurrency: 4 });

    await a.enqueue(review('p1-a', 'aaaaaaa'));
    await b.enqueue(reply('p1-b'));
    await a.enqueue(reply('p1-c'));
    await b.enqueue(reply('p1-d'));
    await a.enqueue(review('p2-a', 'aaaaaaa', 2));
    const started = Date.now();
    await Promise.all([a.drain(), b.drain()]);

    expect(overlap).toBe(false);
    expect(events).toEqual(['start p1-a', 'end p1-a', 'start p1-b', 'end p1-b', 'start p1-c', 'end p1-c', 'start p1-d', 'end p1-d']);
    // PR 1's first job waited for PR 2's, which could only start while it was running.
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('processes a redelivered webhook and a second event for the same head once', async () => {
    const p = prefix();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const a = queue({
      prefix: p,
      process: async () => {
        runs++;
        await gate;
      },
    });
    const b = queue({ prefix: p, worker: false, process: async () => undefined });

    const outcomes = [await a.enqueue(review('d1', 'aaaaaaa')), await b.enqueue(review('d1', 'aaaaaaa')), await b.enqueue(review('d2', 'aaaaaaa'))];
    release();
    await a.drain();

    expect([outcomes, runs]).toEqual([['queued', 'duplicate', 'duplicate'], 1]);
  });

  it('coalesces pushes waiting behind a running review to the newest head, across replicas', async () => {
    const p = prefix();
    const seen: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let first!: () => void;
    const firstStarted = new Promise<void>((r) => (first = r));
    const work = async (job: Job) => {
      if (job.kind === 'review') seen.push(job.headSha!);
      if (job.deliveryId === 'd1') {
        first();
        await gate;
      }
    };
    const a = queue({ prefix: p, process: work });
    const b = queue({ prefix: p, process: work });

    const outcomes = [await a.enqueue(review('d1', 'aaaaaaa'))];
    await firstStarted;
    outcomes.push(await b.enqueue(review('d2', 'bbbbbbb')), await a.enqueue(review('d3', 'ccccccc')));
    release();
    await Promise.all([a.drain(), b.drain()]);

    expect(outcomes).toEqual(['queued', 'queued', 'coalesced']);
    expect(seen).toEqual(['aaaaaaa', 'ccccccc']);
  });

  it('retries retryable failures with backoff and keeps jobs that failed for good in the failed set', async () => {
    const p = prefix();
    const attempts: Array<[string, number, boolean]> = [];
    const q = queue({
      prefix: p,
      process: async (job, attempt) => {
        attempts.push([job.deliveryId, attempt.number, attempt.final]);
        if (job.deliveryId === 'flaky' && attempt.number < 3) throw new ExternalServiceError('github', 'HTTP 502', true, 502);
        if (job.deliveryId === 'broken') throw new Error('bug with ghp_abcdefghijklmnopqrstuvwxyz0123456789 in it');
      },
    });

    await q.enqueue(review('flaky', 'aaaaaaa', 1));
    await q.enqueue(review('broken', 'aaaaaaa', 2));
    await q.drain();

    expect(attempts.filter((a) => a[0] === 'flaky')).toEqual([
      ['flaky', 1, false],
      ['flaky', 2, false],
      ['flaky', 3, true],
    ]);
    expect(attempts.filter((a) => a[0] === 'broken')).toEqual([['broken', 1, false]]);
    const failed = await q.failed();
    expect(failed.map((f) => [f.job.deliveryId, f.attempts, f.reason])).toEqual([['broken', 1, 'Error: bug with [redacted] in it']]);
  });

  it('announces a review before it runs, without making enqueue wait for the announcement', async () => {
    const p = prefix();
    const events: string[] = [];
    const q = queue({
      prefix: p,
      onAccepted: async (job) => {
        await sleep(400);
        events.push(`announced ${job.deliveryId}`);
      },
      process: async (job) => {
        events.push(`ran ${job.deliveryId}`);
      },
    });

    const before = Date.now();
    await q.enqueue(review('d1', 'aaaaaaa'));
    const enqueueMs = Date.now() - before;
    await q.drain();

    expect(enqueueMs).toBeLessThan(400);
    expect(events).toEqual(['announced d1', 'ran d1']);
  });

  it('reviews a pull request end to end when REDIS_URL is set, and reports Redis ready', async () => {
    const github = new FakeGitHub();
    github.push('c'.repeat(40), { 'docs/rfcs/plan.md': '# Plan\n\n## Proposal\nAdd Redis dependency.\n' });
    let endpoints!: HttpHandler;
    const h = await createHarness({
      github,
      env: { REDIS_URL: server.url, RFC_PANEL_REDIS_PREFIX: prefix() },
      createEngines: async () => [
        stubEngine([{ quote: 'Add Redis dependency', concern: 'redis', severity: 'important', title: 'Redis has no failure story' }]),
      ],
      onEndpoints: (e) => (endpoints = e),
    });
    opened.push(h.queue() as RedisJobQueue);

    await h.opened('opened', { id: 'e2e-1' });
    await h.opened('opened', { id: 'e2e-1' });
    let status = 0;
    await endpoints(
      { method: 'GET', url: '/readyz' } as IncomingMessage,
      {
        writeHead: (code: number) => {
          status = code;
          return { end: () => undefined };
        },
      } as unknown as ServerResponse,
    );

    expect(github.reviews).toHaveLength(1);
    expect(github.checkRuns.map((c) => [c.history, c.conclusion])).toEqual([[['queued', 'in_progress', 'completed'], 'success']]);
    expect(status).toBe(200);
  });

  it('refuses a job at once while Redis is unreachable, so the webhook is answered with an error', async () => {
    const port = await freePort();
    const q = createRedisQueue({ url: `redis://127.0.0.1:${port}`, log, worker: false, process: async () => undefined });
    opened.push(q);

    const started = Date.now();
    await expect(q.enqueue(review('down-1', 'aaaaaaa'))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('shares budgets between replicas through Redis', async () => {
    const p = prefix();
    const limits = { dailyUsd: 1, dailyTokens: null, prUsd: null };
    const a = createReviewBudget(limits, createRedisBudgetStore(redis, p));
    const b = createReviewBudget(limits, createRedisBudgetStore(redis, p));
    const scope = { installationId: 9, owner: 'o', repo: 'r', pullNumber: 1 };

    await a.record(scope, { inputTokens: 10, outputTokens: 10, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0.6 });
    const afterOne = await b.check(scope);
    await b.record(scope, { inputTokens: 10, outputTokens: 10, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0.4 });
    const afterTwo = await a.check(scope);

    expect(afterOne.allowed).toBe(true);
    expect(afterTwo).toEqual({ allowed: false, reason: "The installation's daily review budget ($1.00) is spent ($1.00 today)" });
  });
});
