// npm run smoke:action: the bundled Action (dist-action/, from `npm run build:action`) run as a
// workflow runs it — `node dist-action/index.js` with GITHUB_* env and an event file — from a copy
// of what a release tag holds (action.yml, package.json, dist-action/, reviewers/; no node_modules),
// against the loopback fake GitHub. Checks that it posts a review, the check run and the summary,
// and that the SQL rules ran (the PostgreSQL parser's WebAssembly loaded next to the bundle).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGitHubServer } from '../bench/fake-github-server.js';
import { packageRoot } from '../src/package-root.js';

async function main(): Promise<void> {
  const root = packageRoot();
  const bundle = join(root, 'dist-action', 'index.js');
  if (!existsSync(bundle)) throw new Error('dist-action/index.js is missing: run `npm run build:action` first');
  const checkout = mkdtempSync(join(tmpdir(), 'rfc-panel-action-checkout-'));
  for (const item of ['action.yml', 'package.json', 'dist-action', 'reviewers']) cpSync(join(root, item), join(checkout, item), { recursive: true });

  const plan = readFileSync(join(root, 'test', 'fixtures', 'action', 'webhook-delivery.md'), 'utf8');
  const github = await startFakeGitHubServer({
    files: { 'docs/rfcs/webhook-delivery.md': plan },
    headSha: 'c'.repeat(40),
    appSlug: 'github-actions',
    appId: 15368,
    latencyMs: 5,
  });
  const eventPath = join(checkout, 'event.json');
  writeFileSync(eventPath, readFileSync(join(root, 'test', 'fixtures', 'action', 'pull_request.opened.json')));
  try {
    const started = Date.now();
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [join(checkout, 'dist-action', 'index.js')], {
        cwd: tmpdir(),
        env: {
          PATH: process.env.PATH ?? '',
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: eventPath,
          GITHUB_API_URL: github.restUrl,
          GITHUB_RUN_ID: '1',
          'INPUT_GITHUB-TOKEN': 'ghs_smoketoken00000000000000000000000000',
          'INPUT_ANTHROPIC-API-KEY': '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('error', reject);
      child.on('close', (c) => {
        clearTimeout(timer);
        resolve({ code: c, output });
      });
    });
    const ms = Date.now() - started;
    process.stdout.write(output);
    const pull = github.state.get(7);
    const run = github.checkRuns.find((c) => c.head_sha === 'c'.repeat(40));
    const reviewText = [pull?.reviews[0]?.body ?? '', ...(pull?.reviewComments.map((c) => c.body) ?? [])].join('\n');
    const checks: Array<[string, boolean]> = [
      ['exit code 0', code === 0],
      ['one review posted', pull?.reviews.length === 1],
      ['inline comments posted', (pull?.reviewComments.length ?? 0) > 0],
      ['SQL rules ran (libpg-query WebAssembly loaded)', reviewText.includes('webhook_endpoints')],
      ['check run completed', run?.status === 'completed'],
      ['sticky summary posted', pull?.issueComments.length === 1],
    ];
    console.log(
      `\nBundle ${(statSync(bundle).size / 1024 / 1024).toFixed(2)} MB + wasm ${((existsSync(join(root, 'dist-action', 'libpg-query.wasm')) ? statSync(join(root, 'dist-action', 'libpg-query.wasm')).size : 0) / 1024 / 1024).toFixed(2)} MB; ran from ${checkout} (no node_modules) in ${ms} ms, ${github.requests.length} GitHub requests; check run conclusion: ${run?.conclusion ?? 'none'}.`,
    );
    for (const [what, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
  } finally {
    await github.close();
    rmSync(checkout, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
