import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { BotIdentity, Octokit } from '../github/types.js';
import type { JobDeps } from '../jobs/job-deps.js';
import { createEngines } from '../panel/create-engines.js';
import type { ActionOptions } from './action-options.js';
import { positiveInt } from './positive-int.js';

/** What a token from `${{ github.token }}` writes as (REST login; GraphQL drops the suffix). */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

/**
 * The jobs' dependencies in a workflow step: the step's inputs (`with:`) before the environment,
 * the Anthropic key only when given, and the identity the token writes as.
 */
export function createActionDeps(
  env: NodeJS.ProcessEnv,
  input: (name: string) => string,
  octokit: Octokit,
  log: Logger,
  options: ActionOptions,
): { deps: JobDeps; identity: BotIdentity; anthropicKey: string } {
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
    createEngines:
      options.createEngines ??
      ((config: Config) =>
        createEngines(config.engine, {
          env: jobEnv,
          model: config.model,
          maxTokensPerReview: config.budgets.maxTokensPerReview,
          templateRequirements: config.templates,
        })),
    dryRun: (input('dry-run') || env.RFC_PANEL_DRY_RUN) === 'true',
    now: options.now ?? (() => new Date()),
    identity: async () => identity,
  };
  return { deps, identity, anthropicKey };
}
