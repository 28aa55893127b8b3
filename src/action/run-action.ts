import { readFile } from 'node:fs/promises';
import { ProbotOctokit } from 'probot';
import type { Config } from '../config/schema.js';
import type { Engine } from '../engines/types.js';
import { ExternalServiceError } from '../errors/errors.js';
import { jobsForEvent } from '../events/jobs-for-event.js';
import type { MappedEvent } from '../events/mapped-event.js';
import type { BotIdentity, Octokit } from '../github/types.js';
import type { JobDeps } from '../jobs/job-deps.js';
import { runJob } from '../jobs/run-job.js';
import { maskSecrets } from '../logging/redaction.js';
import { createEngines } from '../panel/create-engines.js';
import { describe } from '../queue/create-memory-queue.js';
import type { Job } from '../queue/schema.js';
import { createActionLog, escapeData } from './action-log.js';
import { jobsForWorkflowRun } from './workflow-run-jobs.js';

/** What a token from `${{ github.token }}` writes as (REST login; GraphQL drops the suffix). */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

export interface ActionOptions {
  /** The step's environment (GITHUB_*, INPUT_*, ANTHROPIC_API_KEY, LOG_LEVEL). */
  env?: NodeJS.ProcessEnv;
  /** Where log lines and workflow commands go (stdout in a workflow). */
  write?: (line: string) => void;
  /** Replaces the Octokit class (tests pass one without throttling and retries). */
  Octokit?: typeof ProbotOctokit;
  /** Passed to Octokit as `request.fetch`. */
  fetch?: typeof fetch;
  createEngines?: (config: Config) => Promise<Engine[]>;
  now?: () => Date;
  /** Attempts for a job that fails with a retryable error, as the App's queue makes (default 3). */
  attempts?: number;
  backoffMs?: (attempt: number) => number;
}

export interface ActionResult {
  exitCode: 0 | 1;
  jobs: Job[];
  /** Why the event produced no job, when it did not. */
  skipped: string | null;
  failures: string[];
}

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
  const Octokit = options.Octokit ?? ProbotOctokit;
  const octokit = new Octokit({
    auth: { token },
    baseUrl,
    log: root.child({ name: 'octokit' }),
    // A workflow token shares the repository's limits with every other workflow: wait out a
    // primary limit twice and a secondary one once, then let the job fail.
    throttle: {
      onRateLimit: (_after: number, _o: unknown, _k: unknown, retryCount: number) => retryCount < 2,
      onSecondaryRateLimit: (_after: number, _o: unknown, _k: unknown, retryCount: number) => retryCount < 1,
    },
    ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
  } as ConstructorParameters<typeof ProbotOctokit>[0]) as unknown as Octokit;

  // Workflow event files carry no installation; jobs still need an id (budgets and logs key on it).
  const installationId = positiveInt(env.GITHUB_REPOSITORY_ID) ?? positiveInt((payload as { repository?: { id?: unknown } })?.repository?.id) ?? 1;
  const deliveryId = `action-${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`;
  let mapped: MappedEvent;
  try {
    mapped = eventName === 'workflow_run'
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

  const anthropicKey = input('anthropic-api-key') || env.ANTHROPIC_API_KEY?.trim() || '';
  const jobEnv: NodeJS.ProcessEnv = { ...env, ANTHROPIC_API_KEY: anthropicKey || undefined };
  const identity: BotIdentity = {
    appId: positiveInt(input('app-id') || env.RFC_PANEL_APP_ID) ?? null,
    login: input('bot-login') || env.RFC_PANEL_BOT_LOGIN?.trim() || ACTIONS_BOT_LOGIN,
  };
  const deps: JobDeps = {
    octokit,
    log,
    env: jobEnv,
    createEngines: options.createEngines ?? ((config: Config) => createEngines(config.engine, { env: jobEnv, model: config.model, maxTokensPerReview: config.budgets.maxTokensPerReview, templateRequirements: config.templates })),
    dryRun: (input('dry-run') || env.RFC_PANEL_DRY_RUN) === 'true',
    now: options.now ?? (() => new Date()),
    identity: async () => identity,
  };
  log.info({ event: eventName, engine: anthropicKey ? 'claude when configured (key present)' : 'offline checklist (no key)', api: baseUrl, identity: identity.login }, 'rfc-panel action');

  const attempts = options.attempts ?? 3;
  const backoff = options.backoffMs ?? ((n: number) => Math.min(30_000, 2000 * 2 ** (n - 1)));
  for (const job of mapped.jobs) {
    for (let attempt = 1; ; attempt++) {
      try {
        await runJob(deps, job, { final: attempt >= attempts });
        break;
      } catch (error) {
        const retryable = error instanceof ExternalServiceError && error.retryable;
        if (retryable && attempt < attempts) {
          log.warn({ err: error, job: describe(job), attempt }, 'job failed, retrying');
          await new Promise((r) => setTimeout(r, backoff(attempt)));
          continue;
        }
        log.debug({ err: error, job: describe(job), attempt }, 'job failed');
        return fail(`${(error as Error).message ?? String(error)}${forkHint(eventName, payload, error)}`, mapped.jobs);
      }
    }
  }
  if (failures.length > 0) return fail(`The review did not complete: ${failures.join('; ')}. The rfc-panel check run says why.`, mapped.jobs);
  return { exitCode: 0, jobs: mapped.jobs, skipped: null, failures: [] };
}

function positiveInt(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** A 403 on a `pull_request` from a fork is the read-only token, not a bug: say so. */
function forkHint(eventName: string, payload: unknown, error: unknown): string {
  const status = error instanceof ExternalServiceError ? error.status : null;
  if (status !== 403 && status !== 404) return '';
  const pr = (payload as { pull_request?: { head?: { repo?: { full_name?: string } | null }; base?: { repo?: { full_name?: string } } } })?.pull_request;
  const fromFork = pr?.head?.repo?.full_name !== undefined && pr.head.repo.full_name !== pr.base?.repo?.full_name;
  if (eventName === 'pull_request' && fromFork) {
    return ' — this pull request comes from a fork, and GitHub gives `pull_request` workflows from forks a read-only token and no secrets. Use the workflow_run pattern in docs/ACTION.md.';
  }
  return ' — check the workflow\'s `permissions:` (checks: write, pull-requests: write, issues: write, contents: read).';
}
