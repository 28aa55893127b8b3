// One retry policy (src/queue/retry-policy.ts) behind the three runners of a job: the in-process
// queue, the Redis/BullMQ queue and the GitHub Action. The same contract is asserted on each; no
// runner really waits: the in-process queue and the Action are given a sleep that records the delay,
// and the Redis runner reads the delay BullMQ scheduled the retry with, then promotes the job.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import pino from 'pino';
import { runAction } from '../src/action/run-action.js';
import { ExternalServiceError } from '../src/errors/errors.js';
import { createMemoryQueue } from '../src/queue/create-memory-queue.js';
import { createRedisQueue } from '../src/queue/create-redis-queue.js';
import { retryPolicy } from '../src/queue/retry-policy.js';
import type { ReviewJob } from '../src/queue/schema.js';
import { hasRedisServer, startRedisServer, type RedisServer } from './helpers/redis-server.js';

const log = pino({ level: 'silent' });
const REVIEW: ReviewJob = {
  kind: 'review',
  deliveryId: 'd1',
  installationId: 1,
  owner: 'o',
  repo: 'r',
  pullNumber: 1,
  headSha: 'aaaaaaa',
  trigger: 'synchronize',
  force: false,
  requestedBy: null,
};

/** What a job does on its n-th attempt: throw an error, or succeed (null). */
type Script = (attempt: number) => Error | null;

interface Ran {
  attempts: number;
  /** The wait before each retry, in order. */
  delays: number[];
}

interface Runner {
  name: string;
  /** Why the runner cannot run here, or null. */
  missing: () => string | null;
  run: (script: Script) => Promise<Ran>;
}

/** A backoff well under the 2 s asked for, so only Retry-After can make a runner wait that long. */
const small = (attempt: number): number => 100 * 2 ** (attempt - 1);

const fail = (script: Script, attempt: number): void => {
  const error = script(attempt);
  if (error) throw error;
};

const memory: Runner = {
  name: 'the in-process queue',
  missing: () => null,
  async run(script) {
    const delays: number[] = [];
    let attempts = 0;
    const queue = createMemoryQueue({
      log,
      backoffMs: small,
      sleep: async (ms) => void delays.push(ms),
      process: async (_job, attempt) => {
        attempts = attempt.number;
        fail(script, attempt.number);
      },
    });
    await queue.enqueue(REVIEW);
    await queue.close();
    return { attempts, delays };
  },
};

const action: Runner = {
  name: 'the GitHub Action',
  missing: () => null,
  async run(script) {
    const dir = mkdtempSync(join(tmpdir(), 'rfc-panel-retry-'));
    const event = join(dir, 'event.json');
    writeFileSync(event, readFileSync(join(process.cwd(), 'test', 'fixtures', 'action', 'pull_request.opened.json')));
    const delays: number[] = [];
    let attempts = 0;
    await runAction({
      env: {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event,
        'INPUT_GITHUB-TOKEN': 'ghs_workflowtoken0000000000000000000000',
        LOG_LEVEL: 'silent',
      },
      write: () => undefined,
      backoffMs: small,
      sleep: async (ms) => void delays.push(ms),
      runJob: async (_deps, _job, attempt) => {
        attempts++;
        expect(attempt?.final).toEqual(attempts >= 3);
        fail(script, attempts);
      },
    });
    return { attempts, delays };
  },
};

let server: RedisServer | null = null;
let prefixes = 0;
const redisRunner: Runner = {
  name: 'the Redis queue (BullMQ)',
  missing: () => (hasRedisServer() ? null : 'no redis-server binary on PATH (apt-get install -y redis-server)'),
  async run(script) {
    const prefix = `retry${++prefixes}-${process.pid}`;
    const bull = new Queue('jobs', { connection: { host: '127.0.0.1', port: server!.port }, prefix });
    const delays: number[] = [];
    let attempts = 0;
    const queue = createRedisQueue({
      url: server!.url,
      prefix,
      log,
      backoffMs: small(1),
      lockDurationMs: 1000,
      stalledIntervalMs: 500,
      process: async (_job, attempt) => {
        attempts = attempt.number;
        fail(script, attempt.number);
      },
    });
    try {
      await queue.enqueue(REVIEW);
      const id = `d-${REVIEW.deliveryId}`;
      // A retry waits in BullMQ's delayed set with the delay it was given: read it, then run it now.
      for (;;) {
        // The state first, then the job: a job read before the retry moved it to the delayed set
        // still carries its old delay (0), which made this test flaky.
        const state = await bull.getJobState(id);
        if (state === 'completed' || state === 'failed') break;
        const job = state === 'delayed' ? await bull.getJob(id) : undefined;
        if (job) {
          delays.push(job.delay);
          // The backoff may run out between reading the state and promoting: BullMQ then promotes it itself.
          await job.promote().catch(() => undefined);
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    } finally {
      await queue.close();
      await bull.close();
    }
    return { attempts, delays };
  },
};

const rateLimited = () => new ExternalServiceError('github', 'You have exceeded a secondary rate limit (HTTP 403)', true, 403, { retryAfterMs: 2000 });
const badGateway = () => new ExternalServiceError('github', 'HTTP 502', true, 502);

describe('the retry policy', () => {
  it('waits as long as the service asked when that is longer than the backoff', () => {
    const decision = retryPolicy(rateLimited(), 1, { backoffMs: () => 10 });

    expect(decision).toEqual({ retry: true, delayMs: 2000 });
  });

  it('backs off exponentially up to 30 s when the service names no wait', () => {
    const delays = [1, 2, 3, 6, 9].map((n) => retryPolicy(badGateway(), n, { attempts: 10 }).delayMs);

    expect(delays).toEqual([1000, 2000, 4000, 30_000, 30_000]);
  });

  it('honours Retry-After up to 15 minutes', () => {
    const error = new ExternalServiceError('github', 'rate limited', true, 429, { retryAfterMs: 3_600_000 });

    expect(retryPolicy(error, 1)).toEqual({ retry: true, delayMs: 900_000 });
  });

  it('does not retry a refused request, an unexpected error, or the last attempt', () => {
    const decisions = [
      retryPolicy(new ExternalServiceError('github', 'Validation Failed', false, 422), 1),
      retryPolicy(new Error('bug'), 1),
      retryPolicy(badGateway(), 3),
    ];

    expect(decisions).toEqual([
      { retry: false, delayMs: 0 },
      { retry: false, delayMs: 0 },
      { retry: false, delayMs: 0 },
    ]);
  });
});

describe.each([memory, redisRunner, action])('retries in $name', (runner) => {
  const missing = runner.missing();
  if (missing) console.warn(`retry-contract.test.ts: ${runner.name} skipped: ${missing}`);
  const test = missing ? it.skip : it;

  beforeAll(async () => {
    if (runner === redisRunner && !missing) server = await startRedisServer();
  });
  afterAll(async () => {
    if (runner === redisRunner) await server?.stop();
  });

  test('retries a rate-limited job after at least the 2 s the service asked for', async () => {
    const ran = await runner.run((n) => (n === 1 ? rateLimited() : null));

    expect(ran.attempts).toEqual(2);
    expect(ran.delays.length).toEqual(1);
    expect(ran.delays[0]).toBeGreaterThanOrEqual(2000);
  });

  test('does not retry a job GitHub refused', async () => {
    const ran = await runner.run(() => new ExternalServiceError('github', 'Validation Failed: body is too long', false, 422));

    expect(ran).toEqual({ attempts: 1, delays: [] });
  });

  test('does not retry a job that failed unexpectedly', async () => {
    const ran = await runner.run(() => new TypeError('bug'));

    expect(ran).toEqual({ attempts: 1, delays: [] });
  });

  test('gives up after three attempts, backing off longer each time', async () => {
    const ran = await runner.run(() => badGateway());

    expect([ran.attempts, ran.delays.length, ran.delays[1]! > ran.delays[0]!, ran.delays[0]! > 0]).toEqual([3, 2, true, true]);
  });
});
