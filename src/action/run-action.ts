import { readFile } from 'node:fs/promises';
import { jobsForEvent } from '../events/jobs-for-event.js';
import type { MappedEvent } from '../events/mapped-event.js';
import { maskSecrets } from '../logging/redaction.js';
import type { Job } from '../queue/schema.js';
import { createActionLog, escapeData } from './action-log.js';
import type { ActionOptions, ActionResult } from './action-options.js';
import { createActionDeps } from './create-action-deps.js';
import { createActionOctokit } from './create-action-octokit.js';
import { forkHint } from './fork-hint.js';
import { positiveInt } from './positive-int.js';
import { runActionJobs } from './run-action-jobs.js';
import { jobsForWorkflowRun } from './workflow-run-jobs.js';

/**
 * rfc-panel as a GitHub Action step: the workflow's event file → the same jobs the App's webhook
 * handlers make → the same pipeline (`runJob`), run here and now with no queue. Authenticates with
 * the workflow's token (or any token given as `github-token`), talks to GITHUB_API_URL (GHES too).
 * Exit code 0 when every job ran — the check run carries the gate — and 1, with an `::error::`
 * annotation, when a job failed.
 */
export async function runAction(options: ActionOptions = {}): Promise<ActionResult> {
  const env = options.env ?? process.env;
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const input = (name: string): string => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
  const level = env.LOG_LEVEL?.trim() || (env.RUNNER_DEBUG === '1' ? 'debug' : 'info');
  const { log: root, failures } = createActionLog(write, level);
  const log = root.child({ name: 'rfc-panel' });
  const fail = (message: string, jobs: Job[] = [], skipped: string | null = null): ActionResult => {
    write(`::error title=rfc-panel::${escapeData(maskSecrets(message))}`);
    return { exitCode: 1, jobs, skipped, failures: [...failures, message] };
  };

  const eventName = env.GITHUB_EVENT_NAME?.trim();
  const eventPath = env.GITHUB_EVENT_PATH?.trim();
  const token = input('github-token') || env.GITHUB_TOKEN?.trim() || '';
  if (!eventName || !eventPath) return fail('GITHUB_EVENT_NAME and GITHUB_EVENT_PATH are not set: run rfc-panel as a step of a GitHub Actions workflow.');
  if (!token) return fail('No GitHub token: pass `github-token: ${{ github.token }}` (the default) or set GITHUB_TOKEN.');

  let payload: unknown;
  try {
    payload = JSON.parse(await readFile(eventPath, 'utf8'));
  } catch (error) {
    return fail(`Cannot read the event file ${eventPath}: ${(error as Error).message}`);
  }

  const baseUrl = (env.GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/+$/, '');
  const octokit = createActionOctokit(token, baseUrl, root.child({ name: 'octokit' }), options);

  // Workflow event files carry no installation; jobs still need an id (budgets and logs key on it).
  const installationId = positiveInt(env.GITHUB_REPOSITORY_ID) ?? positiveInt((payload as { repository?: { id?: unknown } })?.repository?.id) ?? 1;
  const deliveryId = `action-${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`;
  let mapped: MappedEvent;
  try {
    mapped =
      eventName === 'workflow_run'
        ? await jobsForWorkflowRun(octokit, deliveryId, payload, installationId)
        : jobsForEvent({ id: deliveryId, name: eventName, payload }, { installationId });
  } catch (error) {
    return fail(`Cannot map the ${eventName} event to a review: ${(error as Error).message}`);
  }
  if (mapped.jobs.length === 0) {
    const reason = mapped.skipped?.reason ?? `ignored: ${eventName} produced no job`;
    log.info({ event: eventName }, reason);
    return { exitCode: 0, jobs: [], skipped: reason, failures: [] };
  }

  const { deps, identity, anthropicKey } = createActionDeps(env, input, octokit, log, options);
  log.info(
    { event: eventName, engine: anthropicKey ? 'claude when configured (key present)' : 'offline checklist (no key)', api: baseUrl, identity: identity.login },
    'rfc-panel action',
  );

  const failed = await runActionJobs(deps, mapped.jobs, options);
  if (failed) return fail(`${(failed.error as Error).message ?? String(failed.error)}${forkHint(eventName, payload, failed.error)}`, mapped.jobs);
  if (failures.length > 0) return fail(`The review did not complete: ${failures.join('; ')}. The rfc-panel check run says why.`, mapped.jobs);
  return { exitCode: 0, jobs: mapped.jobs, skipped: null, failures: [] };
}
