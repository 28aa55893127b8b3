// The load generator of ack-bench.ts: sends every delivery at once and reports the time to each full
// response. Only node built-ins, so it starts fast and makes little garbage of its own.
import { createHmac, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

/** One delivery on its own connection, signed as GitHub signs it; resolves with the time to the full response. */
function deliver(port: number, secret: string, body: string): Promise<{ ms: number; status: number }> {
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/github/webhooks',
        agent: false,
        timeout: 15_000,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-github-event': 'pull_request',
          'x-github-delivery': randomUUID(),
          'x-hub-signature-256': signature,
          'user-agent': 'GitHub-Hookshot/bench',
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolvePromise({ ms: performance.now() - started, status: res.statusCode ?? 0 }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('delivery timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

const { port, secret, bodies } = workerData as { port: number; secret: string; bodies: string[] };
Promise.all(bodies.map((body) => deliver(port, secret, body))).then(
  (results) => parentPort!.postMessage(results),
  (error: unknown) => {
    throw error;
  },
);
