import pLimit from 'p-limit';
import type { ApplicationFunctionOptions, Probot } from 'probot';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import { registerHandlers } from '../events/register-handlers.js';
import { callGitHub } from '../github/call-github.js';
import type { Octokit } from '../github/types.js';
import { runJob } from '../jobs/run-job.js';
import { createAppLogger } from '../logging/create-app-logger.js';
import { instrumentOctokit } from '../metrics/instrument.js';
import { createEngines } from '../panel/create-engines.js';
import { loadClaudeAssistant } from '../engines/claude/load-claude-assistant.js';
import { announceCheckRun } from '../publish/announce-check-run.js';
import type { Job, JobProcessor } from '../queue/schema.js';
import { deriveLedgerKey } from '../ledger/derive-ledger-key.js';
import type { AppOptions } from './app-options.js';
import { createOperations } from './operations.js';
import { describeStartup } from './describe-startup.js';
import { createIdentityResolver } from './create-identity-resolver.js';
import { startRecovery } from './start-recovery.js';
import { watchGitHub } from './watch-github.js';
import { warmUp } from './warm-up.js';
import { sortGitHubErrors } from '../github/sort-github-errors.js';

/** The Probot app: handlers that enqueue, and a queue whose worker runs the review pipeline. */
export function createApp(options: AppOptions = {}) {
  return (app: Probot, probotOptions?: ApplicationFunctionOptions): void => {
    const env = options.env ?? process.env;
    const now = options.now ?? (() => new Date());
    const log = createAppLogger(app.log as unknown as Logger);
    // Queue choice (REDIS_URL), budgets, metrics, endpoints: see operations.ts and docs/OPERATIONS.md.
    const ops = createOperations(env, log);
    app.onAny(async (context) => ops.metrics.webhookReceived(context.name, (context.payload as { action?: string }).action));
    app.onError(async () => ops.metrics.error('webhook'));
    options.onEndpoints?.(ops.endpoints);
    try {
      probotOptions?.addHandler(ops.endpoints);
    } catch {
      log.debug('no HTTP server: /healthz, /readyz and /metrics are not served');
    }
    // Ledgers are signed with a key derived from the app's secret, so an edited ledger is detected.
    const ledgerKey = deriveLedgerKey(env);
    if (!ledgerKey) log.info('no WEBHOOK_SECRET or private key in the environment: ledgers are not signed, and an edited ledger is trusted');
    const engines =
      options.createEngines ??
      ((config: Config) =>
        createEngines(config.engine, {
          env,
          model: config.model,
          maxTokensPerReview: config.budgets.maxTokensPerReview,
          templateRequirements: config.templates,
        }));
    const identity = createIdentityResolver(app);
    const startup = describeStartup(env);
    log.info(startup.line);
    const { probe, watched } = watchGitHub(startup.facts.githubApi, log, options.probeGitHub === true);
    if (options.probeGitHub) void probe('at start-up');
    // The token exchange is the first GitHub call of every job: sorted like any other, so a network
    // failure is named and retried with backoff rather than failing the job as an unknown error.
    const installationOctokit = async (installationId: number): Promise<Octokit> =>
      sortGitHubErrors(
        instrumentOctokit((await callGitHub('authenticating as the installation', () => app.auth(installationId))) as unknown as Octokit, ops.metrics),
      );
    const runOne: JobProcessor = async (job, attempt) => {
      const octokit = await installationOctokit(job.installationId);
      await runJob(
        {
          octokit,
          log,
          env,
          ledgerKey,
          budget: ops.budget,
          metrics: ops.metrics,
          createEngines: engines,
          dryRun: options.dryRun ?? env.RFC_PANEL_DRY_RUN === 'true',
          now,
          identity,
          createAssistant: (config) => loadClaudeAssistant(config.engine, { env, model: config.model }),
        },
        job,
        attempt,
      );
    };
    const processJob: JobProcessor = (job, attempt) => watched(`job ${job.owner}/${job.repo}#${job.pullNumber}`, () => runOne(job, attempt));
    // Shows "queued" on the commit while the job waits its turn.
    // A burst of webhooks must not become a burst of token exchanges and writes on the loop that
    // answers them: announcements go out a few at a time.
    const announcing = pLimit(4);
    const announce = (job: Job): Promise<void> =>
      announcing(() =>
        watched(`announcing ${job.owner}/${job.repo}#${job.pullNumber}`, async () => {
          if (job.kind !== 'review' || job.headSha === null) return;
          await announceCheckRun(await installationOctokit(job.installationId), { owner: job.owner, repo: job.repo, pullNumber: job.pullNumber }, job.headSha);
        }),
      );
    const queue = ops.wrapQueue((options.createQueue ?? ops.createQueue)(ops.instrumentProcessor(processJob), log, announce));
    options.onQueue?.(queue);
    registerHandlers(app, queue, log);
    const inMemory = !options.createQueue && !env.REDIS_URL?.trim();
    if (inMemory && (options.recoverOnStart ?? env.RFC_PANEL_RECOVER_ON_START !== 'false')) {
      const done = startRecovery(app, queue, log, env, now);
      options.onRecovery?.(done);
    }
    void warmUp(log).catch((error: unknown) => log.warn({ err: error }, 'warm-up failed; the first review pays for it'));
  };
}
