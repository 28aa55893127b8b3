import { budgetLimitsFromEnv } from '../budget/create-review-budget.js';
import { DEFAULT_MODEL } from '../engines/claude/schema.js';
import { maskSecrets } from '../logging/redaction.js';
import { readPackageVersion } from '../read-package-version.js';

export interface StartupFacts {
  version: string;
  engine: string;
  model: string;
  queue: string;
  concurrency: number;
  budgets: string;
  githubApi: string;
  appId: string;
  webhookProxy: string | null;
}

/** A URL with its password (and any user name) replaced, for a log line. */
function maskUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return maskSecrets(url.toString());
  } catch {
    return '(not a URL)';
  }
}

/**
 * Everything an operator needs to know the app is configured as intended, read from the same
 * environment the app reads, with secrets masked: one log line at start-up instead of guessing
 * from the first failure. Engine per repository comes from its config (`engine: auto` by default);
 * this says what `auto` resolves to.
 */
export function describeStartup(env: NodeJS.ProcessEnv): { facts: StartupFacts; line: string } {
  const hasKey = (env.ANTHROPIC_API_KEY ?? '').trim() !== '';
  const redis = env.REDIS_URL?.trim() || null;
  const concurrency = Number(env.RFC_PANEL_CONCURRENCY) || 4;
  const limits = budgetLimitsFromEnv(env);
  const budgets = limits
    ? [
        limits.dailyUsd !== null && `$${limits.dailyUsd}/day`,
        limits.dailyTokens !== null && `${limits.dailyTokens} tokens/day`,
        limits.prUsd !== null && `$${limits.prUsd}/PR`,
      ]
        .filter(Boolean)
        .join(', ')
    : 'none';
  const gheHost = env.GHE_HOST?.trim();
  const githubApi = gheHost ? `${env.GHE_PROTOCOL?.trim() || 'https'}://${gheHost}/api/v3` : 'https://api.github.com';
  const proxy = env.WEBHOOK_PROXY_URL?.trim() || null;
  const facts: StartupFacts = {
    version: readPackageVersion(),
    engine: hasKey ? 'auto → claude (ANTHROPIC_API_KEY set)' : 'auto → checklist (no ANTHROPIC_API_KEY)',
    model: (env.RFC_PANEL_MODEL?.trim() || DEFAULT_MODEL) + (env.ANTHROPIC_BASE_URL?.trim() ? ` via ${maskUrl(env.ANTHROPIC_BASE_URL.trim())}` : ''),
    queue: redis ? `redis ${maskUrl(redis)}` : 'in-process',
    concurrency,
    budgets,
    githubApi,
    appId: env.APP_ID?.trim() || '(unset)',
    // smee channel URLs are capabilities: anyone with one can read the deliveries.
    webhookProxy: proxy ? `${maskUrl(proxy).replace(/\/[^/]+$/, '/***')}` : null,
  };
  const line = [
    `rfc-panel ${facts.version} started`,
    `engine ${facts.engine}`,
    `model ${facts.model}`,
    `queue ${facts.queue}`,
    `concurrency ${facts.concurrency}`,
    `budgets ${facts.budgets}`,
    `GitHub ${facts.githubApi}`,
    `app id ${facts.appId}`,
    ...(facts.webhookProxy ? [`webhook proxy ${facts.webhookProxy}`] : []),
  ].join(' · ');
  return { facts, line };
}
