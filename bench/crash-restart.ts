// kill -9 during reviews with the in-process queue (issue #13, case 7), against the running app: six
// pull requests are opened, the app process is killed with SIGKILL while their reviews wait or run,
// and then started again. Reports the check runs left open after the kill and after the restart.
// Target: after the restart, every check run completes (none stays open without a way to finish it).
// Usage: node dist/bench/crash-restart.js
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { packageRoot } from '../src/package-root.js';
import { startFakeGitHubServer } from './fake-github-server.js';

const PULLS = [1, 2, 3, 4, 5, 6];
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const root = packageRoot();
  const plan = readFileSync(join(root, 'examples', 'webhook-delivery.md'), 'utf8');
  // Slow writes so the reviews are still waiting or running when the process is killed.
  const github = await startFakeGitHubServer({ files: { 'docs/rfcs/plan.md': plan }, latencyMs: 40, writeLatencyMs: 400, openPulls: PULLS });
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const secret = `crash-${randomUUID()}`;
  const port = await freePort();
  const template = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'action', 'pull_request.opened.json'), 'utf8')) as Record<string, any>;
  const open = (): string[] => github.checkRuns.filter((c) => c.status !== 'completed').map((c) => `${c.id}:${c.status}`);

  let app = await startApp(github.restUrl, port, privateKey, secret);
  try {
    for (const n of PULLS) {
      const payload = structuredClone(template);
      payload.number = n;
      payload.pull_request.number = n;
      payload.pull_request.head.sha = github.headShaOf(n);
      payload.installation = { id: 1 };
      const status = await deliver(port, secret, JSON.stringify(payload));
      if (status !== 200) throw new Error(`delivery answered ${status}`);
    }
    await sleep(1500);
    app.process.kill('SIGKILL');
    await new Promise((r) => app.process.once('exit', r));
    const afterKill = open();
    console.log(`Killed with SIGKILL: ${github.checkRuns.length} check runs, ${afterKill.length} open (${afterKill.join(', ')}).`);

    const restarted = Date.now();
    app = await startApp(github.restUrl, port, privateKey, secret);
    let remaining = open();
    while (remaining.length > 0 && Date.now() - restarted < 90_000) {
      await sleep(250);
      remaining = open();
    }
    const reviews = [...github.state.values()].reduce((n, s) => n + s.reviews.length, 0);
    const summaries = [...github.state.values()].reduce((n, s) => n + s.issueComments.length, 0);
    console.log(
      app
        .output()
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('recovery'))
        .join('\n'),
    );
    console.log(
      `After restart: ${remaining.length} open after ${Date.now() - restarted} ms; ${github.checkRuns.filter((c) => c.status === 'completed').length} completed; ${reviews} reviews and ${summaries} summaries for ${PULLS.length} pull requests.`,
    );
    const ok = remaining.length === 0 && reviews === PULLS.length && summaries === PULLS.length;
    console.log(ok ? 'Every check run finished after the restart: met.' : 'MISSED.');
    process.exitCode = ok ? 0 : 1;
  } finally {
    app.process.kill('SIGKILL');
    await github.close();
  }
}

async function startApp(restUrl: string, port: number, key: string, secret: string): Promise<{ process: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [new URL('./crash-app.js', import.meta.url).pathname, restUrl, String(port)], {
    env: { ...process.env, CRASH_APP_KEY: key, CRASH_APP_SECRET: secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  for (let i = 0; i < 200 && !out.includes('listening'); i++) await sleep(50);
  if (!out.includes('listening')) throw new Error(`the app did not start:\n${out}`);
  return { process: child, output: () => out };
}

async function deliver(port: number, secret: string, body: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'pull_request',
      'x-github-delivery': randomUUID(),
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
  });
  await response.arrayBuffer();
  return response.status;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
