// The app as `probot run` starts it (in-process queue, offline checklist), for crash-restart.ts:
// a separate process that can be killed with SIGKILL. Args: <GitHub REST url> <port>; env
// CRASH_APP_KEY (PEM) and CRASH_APP_SECRET.
import { createServer } from 'node:http';
import { createNodeMiddleware, Probot, ProbotOctokit } from 'probot';
import { createApp } from '../src/app/create-app.js';

const [restUrl, port] = process.argv.slice(2);
const Unthrottled = ProbotOctokit.defaults((instanceOptions: Record<string, unknown>) => ({
  ...instanceOptions,
  throttle: { ...(instanceOptions.throttle as object | undefined), enabled: false },
}));
const probot = new Probot({
  appId: 4242,
  privateKey: process.env.CRASH_APP_KEY!,
  secret: process.env.CRASH_APP_SECRET!,
  baseUrl: restUrl,
  Octokit: Unthrottled,
  logLevel: 'warn',
});
const middleware = await createNodeMiddleware(
  createApp({
    env: { RFC_PANEL_PROCESS_METRICS: 'false', RFC_PANEL_CONCURRENCY: '2', WEBHOOK_SECRET: process.env.CRASH_APP_SECRET },
    onRecovery: (done) => void done.then((r) => console.log(`recovery ${JSON.stringify(r)}`)),
  }),
  { probot },
);
createServer((req, res) => void middleware(req, res, () => res.writeHead(404).end())).listen(Number(port), '127.0.0.1', () => console.log('listening'));
