// The fake GitHub of ack-bench.ts on its own thread: GitHub is another machine.
import { parentPort, workerData } from 'node:worker_threads';
import { startFakeGitHubServer } from './fake-github-server.js';

async function runGitHubThread(data: { plan: string; getMs: number; writeMs: number }): Promise<void> {
  const github = await startFakeGitHubServer({ files: { 'docs/rfcs/plan.md': data.plan }, latencyMs: data.getMs, writeLatencyMs: data.writeMs });
  parentPort!.on('message', () => {
    const reviews = [...github.state.values()].reduce((n, s) => n + s.reviews.length, 0);
    const completed = github.checkRuns.filter((c) => c.status === 'completed').length;
    parentPort!.postMessage({ type: 'stats', stats: { reviews, completed, requests: github.requests.length } });
  });
  parentPort!.postMessage({ type: 'ready', restUrl: github.restUrl });
}

void runGitHubThread(workerData as { plan: string; getMs: number; writeMs: number });
