// npm run replay -- <event> <payload.json> [--doc repo/path.md=local.md …] [--config rfc-panel.yml]
// Runs the app on one webhook payload against a loopback fake GitHub and prints what it would post.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../src/package-root.js';
import { replayWebhook } from './replay-webhook.js';

const HELP = `Usage: npm run replay -- <event> <payload.json> [--doc <repo-path>=<local-file>]… [--config <file>]

Runs rfc-panel's webhook handlers on a saved payload against a local fake GitHub (no credentials,
no network) and prints the check runs, review, inline comments and summary it would post.

  <event>          the webhook event name, e.g. pull_request, issue_comment, check_run
  <payload.json>   the delivery's JSON body (GitHub's "Recent deliveries" page, or
                   test/fixtures/action/pull_request.opened.json)
  --doc p=file     a plan document the pull request changes: its path in the repository and a local
                   file with its text (repeatable; default docs/rfcs/webhook-delivery.md=examples/webhook-delivery.md)
  --config file    a .github/rfc-panel.yml for the fake repository (default: none, so defaults apply)

Environment: ANTHROPIC_API_KEY picks the Claude panel as the app would (it is the one real call);
LOG_LEVEL (default warn) shows the app's log.

Example:
  npm run replay -- pull_request test/fixtures/action/pull_request.opened.json`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { doc: { type: 'string', multiple: true }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    process.stderr.write(`replay: ${(error as Error).message.split('\n')[0]} (see npm run replay -- --help)\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const [event, payloadPath] = positionals;
  if (!event || !payloadPath || positionals.length > 2) {
    process.stderr.write('replay: give an event name and a payload file, e.g. npm run replay -- pull_request payload.json\n');
    return 2;
  }
  const documents: Record<string, string> = {};
  for (const spec of values.doc ?? [`docs/rfcs/webhook-delivery.md=${join(packageRoot(), 'examples', 'webhook-delivery.md')}`]) {
    const at = spec.indexOf('=');
    const [path, file] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [`docs/rfcs/${basename(spec)}`, spec];
    documents[path] = readFileSync(file, 'utf8');
  }
  const payload = JSON.parse(readFileSync(payloadPath, 'utf8')) as unknown;
  const { report, github } = await replayWebhook({
    event,
    payload,
    documents,
    ...(values.config ? { config: readFileSync(values.config, 'utf8') } : {}),
    logLevel: (process.env.LOG_LEVEL as 'warn' | undefined) ?? 'warn',
  });
  await github.close();
  process.stdout.write(`Replayed ${event} from ${payloadPath}; the pull request changes ${Object.keys(documents).join(', ')}.\n${report}\n`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`replay: ${(error as Error).message}\n`);
    process.exitCode = 2;
  },
);
