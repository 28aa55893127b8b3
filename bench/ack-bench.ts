// Webhook ack latency while reviews run (part of `npm run bench`). The real app (createApp, the
// in-process queue, the offline checklist engine) behind Probot's createNodeMiddleware on
// 127.0.0.1, talking to a loopback fake GitHub (bench/fake-github-server.ts) that answers every call
// after a delay, so reviews take real time. Two waves of N concurrent signed `pull_request.opened`
// deliveries, each for its own pull request: the second wave arrives while the first wave's reviews
// are running. Ack = from sending the request to the end of the HTTP response, measured by a load
// generator in a worker thread (its own event loop, as GitHub is another machine). The workers load
// only what they need (ack-load-worker.ts, ack-github-worker.ts), so their start-up and garbage do
// not land in the measurement. Target: p99 < 100 ms.
// Usage: node dist/bench/ack-bench.js [plan.md]
// Env: ACK_BENCH_DELIVERIES (50 per wave), ACK_BENCH_GET_MS (30), ACK_BENCH_WRITE_MS (80).
// Octokit throttling is off (as in the tests): Probot's spacing of writes would stretch 100 reviews
// over minutes without changing what is measured here.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createNodeMiddleware, Probot, ProbotOctokit } from 'probot';
import { createApp } from '../src/app/create-app.js';
import { packageRoot } from '../src/package-root.js';
import type { JobQueue } from '../src/queue/schema.js';

const TARGET_P99_MS = 100;
const WAVES = 2;
const num = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return process.env[name] !== undefined && process.env[name] !== '' && Number.isFinite(value) ? value : fallback;
};
const perWave = Math.max(1, Math.min(500, num('ACK_BENCH_DELIVERIES', 50)));
const getMs = num('ACK_BENCH_GET_MS', 30);
const writeMs = num('ACK_BENCH_WRITE_MS', 80);

const Unthrottled = ProbotOctokit.defaults((instanceOptions: Record<string, unknown>) => ({
  ...instanceOptions,
  retry: { enabled: false },
  throttle: { ...(instanceOptions.throttle as object | undefined), enabled: false },
}));

interface Ack {
  wave: number;
  ms: number;
  status: number;
}

async function main(): Promise<void> {
  const root = packageRoot();
  const planPath = resolve(process.argv[2] ?? join(root, 'examples', 'webhook-delivery.md'));
  const plan = readFileSync(planPath, 'utf8');
  const template = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'action', 'pull_request.opened.json'), 'utf8')) as Record<string, any>;
  // GitHub is another machine: its fake runs on its own thread so its work does not count as the app's.
  const github = await startGitHubThread(plan);

  const secret = `bench-${randomUUID()}`;
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const probot = new Probot({ appId: 4242, privateKey, secret, baseUrl: github.restUrl, Octokit: Unthrottled, logLevel: 'error' });
  let queue = null as JobQueue | null;
  const middleware = await createNodeMiddleware(
    createApp({ env: { RFC_PANEL_PROCESS_METRICS: 'false', RFC_PANEL_CONCURRENCY: '4' }, onQueue: (q) => (queue = q) }),
    { probot },
  );
  // Server-side time (request parsed → response finished), to tell app time from time spent before
  // the app saw the request.
  const serverMs: number[] = [];
  const server = createServer((req, res) => {
    const started = performance.now();
    res.on('finish', () => serverMs.push(performance.now() - started));
    void middleware(req, res, () => res.writeHead(404).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;

  console.log(`Plan: ${planPath} (${plan.split('\n').length} lines); fake GitHub answers after ${getMs} ms (GET) / ${writeMs} ms (writes).`);
  console.log(
    `App: Probot createNodeMiddleware on 127.0.0.1:${port}, in-process queue, offline checklist engine; ${WAVES} waves × ${perWave} concurrent signed pull_request.opened deliveries.\n`,
  );

  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const acks: Ack[] = [];
  const reviewStarted = performance.now();
  let pull = 0;
  let inFlightAtWave2 = 0;
  try {
    for (let wave = 1; wave <= WAVES; wave++) {
      // Reviews accepted and not yet finished when this wave is sent.
      if (wave > 1) inFlightAtWave2 = perWave * (wave - 1) - (await github.stats()).completed;
      const deliveries = Array.from({ length: perWave }, () => {
        pull += 1;
        const payload = structuredClone(template);
        payload.number = pull;
        payload.pull_request.number = pull;
        payload.pull_request.head.sha = pull.toString(16).padStart(40, 'c');
        payload.installation = { id: 1, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
        return JSON.stringify(payload);
      });
      const results = await fireFromWorker(port, secret, deliveries);
      acks.push(...results.map((r) => ({ wave, ...r })));
    }
    // Bounded: every review must finish within the limit, or the bench says so and stops.
    const drained = await Promise.race([queue!.drain().then(() => true), sleep(120_000).then(() => false)]);
    const reviewWallMs = Math.round(performance.now() - reviewStarted);
    loop.disable();

    const rows = [
      ['deliveries', 'p50 ms', 'p99 ms', 'max ms', 'non-200'],
      ...[1, 2].map((w) =>
        row(
          `wave ${w}${w === 2 ? ` (${inFlightAtWave2} reviews unfinished)` : ' (no review running)'}`,
          acks.filter((a) => a.wave === w),
        ),
      ),
      row('all', acks),
    ];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) console.log(r.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));

    const { reviews, completed, requests } = await github.stats();
    const p99 = percentile(
      acks.map((a) => a.ms),
      99,
    );
    console.log(
      `\nReviews: ${reviews} posted, ${completed}/${WAVES * perWave} check runs completed in ${reviewWallMs} ms (${drained ? 'queue drained' : 'NOT drained within 120 s'}); ${requests} GitHub requests.`,
    );
    console.log(
      `Server-side handling (request parsed → response sent): p50 ${percentile(serverMs, 50).toFixed(1)} ms, p99 ${percentile(serverMs, 99).toFixed(1)} ms.`,
    );
    console.log(
      `Event loop delay during the run: p50 ${(loop.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms.`,
    );
    const ok = p99 < TARGET_P99_MS && acks.every((a) => a.status === 200) && drained && completed === WAVES * perWave;
    console.log(
      `Webhook ack p99 ${p99.toFixed(1)} ms with ${perWave} concurrent deliveries while reviews run (target < ${TARGET_P99_MS} ms): ${ok ? 'met' : 'MISSED'}.`,
    );
    if (!ok) process.exitCode = 1;
  } finally {
    loop.disable();
    await queue?.close().catch(() => undefined);
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await github.close();
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

function row(label: string, acks: Ack[]): string[] {
  const ms = acks.map((a) => a.ms);
  return [label, percentile(ms, 50).toFixed(1), percentile(ms, 99).toFixed(1), Math.max(...ms).toFixed(1), String(acks.filter((a) => a.status !== 200).length)];
}

interface GitHubThread {
  restUrl: string;
  stats(): Promise<{ reviews: number; completed: number; requests: number }>;
  close(): Promise<void>;
}

function startGitHubThread(plan: string): Promise<GitHubThread> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(new URL('./ack-github-worker.js', import.meta.url), { workerData: { plan, getMs, writeMs } });
    const pending: Array<(stats: { reviews: number; completed: number; requests: number }) => void> = [];
    worker.on('message', (message: { type: string; restUrl?: string; stats?: { reviews: number; completed: number; requests: number } }) => {
      if (message.type === 'ready') {
        resolvePromise({
          restUrl: message.restUrl!,
          stats: () =>
            new Promise((r) => {
              pending.push(r);
              worker.postMessage({ type: 'stats' });
            }),
          close: async () => {
            await worker.terminate();
          },
        });
      } else if (message.type === 'stats') pending.shift()?.(message.stats!);
    });
    worker.once('error', reject);
  });
}

/** Sends every body at once from a worker thread and returns the acks in order. */
function fireFromWorker(port: number, secret: string, bodies: string[]): Promise<Array<{ ms: number; status: number }>> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(new URL('./ack-load-worker.js', import.meta.url), { workerData: { port, secret, bodies } });
    worker.once('message', (results: Array<{ ms: number; status: number }>) => {
      resolvePromise(results);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms).unref());

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
