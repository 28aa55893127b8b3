// Issue #7, part 3: webhook signatures. The app behind Probot's Node middleware with a secret, on a
// real loopback HTTP server: a delivery without a valid X-Hub-Signature-256 for this secret and this
// exact body is refused (400/401) and no handler runs — the queue never sees a job.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createNodeMiddleware, Probot } from 'probot';
import { createApp } from '../src/app/create-app.js';
import type { Job, JobQueue } from '../src/queue/schema.js';
import { testPrivateKey, UnthrottledProbotOctokit } from './helpers/github-mock.js';
import { takeUnmatchedRequests } from './helpers/http-mock.js';
import { pullRequestPayload } from './helpers/webhook-examples.js';

const SECRET = 'correct-horse-battery-staple';
const PATH = '/api/github/webhooks';

const sign = (secret: string, body: string, algorithm: 'sha256' | 'sha1' = 'sha256'): string =>
  `${algorithm}=${createHmac(algorithm, secret).update(body).digest('hex')}`;

interface Delivery {
  status: number;
  body: string;
}

function post(url: string, body: string, headers: Record<string, string>): Promise<Delivery> {
  return new Promise<Delivery>((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  }).finally(() => {
    // nock lets loopback through but still reports it as unmatched: drop exactly those reports, so any
    // other request that escaped the mocks still fails the test.
    const others = takeUnmatchedRequests().filter((r) => !/^POST 127\.0\.0\.1[:/]/.test(r));
    expect(others).toEqual([]);
  });
}

describe('webhook deliveries over HTTP', () => {
  const jobs: Job[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const queue: JobQueue = {
      enqueue: async (job) => {
        jobs.push(job);
        return 'queued';
      },
      drain: async () => {},
      close: async () => {},
    };
    const probot = new Probot({ appId: 1, privateKey: testPrivateKey(), secret: SECRET, Octokit: UnthrottledProbotOctokit, log: pino({ level: 'silent' }) });
    const middleware = await createNodeMiddleware(createApp({ env: {}, createQueue: () => queue }), { probot });
    server = createServer((req, res) => {
      void middleware(req, res, () => res.writeHead(404).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const payload = JSON.stringify(
    pullRequestPayload('opened', { owner: 'acme', repo: 'plans', number: 7, headSha: 'c'.repeat(40), installationId: 1, userLogin: 'alice', userType: 'User' }),
  );
  const headers = (extra: Record<string, string>) => ({
    'x-github-event': 'pull_request',
    'x-github-delivery': `delivery-${randomBytes(4).toString('hex')}`,
    ...extra,
  });

  it.each([
    ['W01 no signature header', () => headers({})],
    ['W02 a forged signature (random hex)', () => headers({ 'x-hub-signature-256': `sha256=${randomBytes(32).toString('hex')}` })],
    ['W03 signed with the wrong secret', () => headers({ 'x-hub-signature-256': sign('not-the-secret', payload) })],
    [
      'W04 a valid signature of a different body (payload tampered after signing)',
      () => headers({ 'x-hub-signature-256': sign(SECRET, payload.replace('"alice"', '"mallory"')) }),
    ],
    ['W05 only the legacy SHA-1 X-Hub-Signature', () => headers({ 'x-hub-signature': sign(SECRET, payload, 'sha1') })],
    ['W06 a SHA-1 HMAC in the SHA-256 header', () => headers({ 'x-hub-signature-256': sign(SECRET, payload, 'sha1').replace('sha1=', 'sha256=') })],
    ['W07 the hex digest without the sha256= prefix', () => headers({ 'x-hub-signature-256': sign(SECRET, payload).slice('sha256='.length) })],
    ['W08 a truncated signature', () => headers({ 'x-hub-signature-256': sign(SECRET, payload).slice(0, 40) })],
    ['W09 an empty signature', () => headers({ 'x-hub-signature-256': '' })],
    ['W10 the signature of an empty body', () => headers({ 'x-hub-signature-256': sign(SECRET, '') })],
  ])('%s is refused and runs no handler', async (_what, make) => {
    // Arrange
    const before = jobs.length;

    // Act
    const res = await post(url, payload, make());

    // Assert
    expect([400, 401]).toContain(res.status);
    expect(res.body).toMatch(/Required headers missing: x-hub-signature-256|signature does not match event payload and secret/);
    expect(jobs.length).toBe(before);
  });

  it('W11 accepts the same delivery correctly signed (the control: the server is wired to the app)', async () => {
    // Act
    const res = await post(url, payload, headers({ 'x-hub-signature-256': sign(SECRET, payload) }));

    // Assert
    expect(res.status).toBe(200);
    expect(jobs.at(-1)).toMatchObject({ kind: 'review', owner: 'acme', repo: 'plans', pullNumber: 7, headSha: 'c'.repeat(40) });
  });

  it('W12 answers a correctly signed delivery the app cannot use with 200 and no job', async () => {
    // Arrange
    const before = jobs.length;
    const broken = JSON.stringify({ action: 'opened', pull_request: { number: 'seven' } });

    // Act
    const res = await post(url, broken, headers({ 'x-hub-signature-256': sign(SECRET, broken) }));

    // Assert
    expect(res.status).toBe(200);
    expect(jobs.length).toBe(before);
  });
});
