import type { Redis } from 'ioredis';
import type { Usage } from '../engines/types.js';
import { InputError } from '../errors/errors.js';
import type { BudgetScope, ReviewBudget } from '../jobs/job-deps.js';

/** Spending limits; null = no limit of that kind. */
export interface BudgetLimits {
  /** Per installation, per UTC day, in US dollars (estimated from the price table). */
  dailyUsd: number | null;
  /** Per installation, per UTC day: input + output + cache-write + cache-read tokens. */
  dailyTokens: number | null;
  /** Per pull request, over its life (the counter expires 90 days after the last review). */
  prUsd: number | null;
}

export const BUDGET_ENV = {
  dailyUsd: 'RFC_PANEL_DAILY_BUDGET_USD',
  dailyTokens: 'RFC_PANEL_DAILY_BUDGET_TOKENS',
  prUsd: 'RFC_PANEL_PR_BUDGET_USD',
} as const;

/** The limits the environment sets, or null when it sets none (unlimited). A malformed value stops the app. */
export function budgetLimitsFromEnv(env: NodeJS.ProcessEnv): BudgetLimits | null {
  const read = (name: string): number | null => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return null;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new InputError(`${name} must be a number ≥ 0 (got "${raw}")`);
    return value;
  };
  const limits = { dailyUsd: read(BUDGET_ENV.dailyUsd), dailyTokens: read(BUDGET_ENV.dailyTokens), prUsd: read(BUDGET_ENV.prUsd) };
  return limits.dailyUsd === null && limits.dailyTokens === null && limits.prUsd === null ? null : limits;
}

export interface Spent {
  /** Millionths of a dollar, so sums stay exact. */
  microUsd: number;
  tokens: number;
}

/** Where spending is counted: this process (default) or Redis (shared by the replicas). */
export interface BudgetStore {
  get(key: string): Promise<Spent>;
  add(key: string, spent: Spent, ttlSeconds: number): Promise<void>;
}

export function createMemoryBudgetStore(now: () => number = Date.now): BudgetStore {
  const entries = new Map<string, Spent & { expiresAt: number }>();
  const live = (key: string) => {
    const e = entries.get(key);
    if (e && e.expiresAt <= now()) entries.delete(key);
    return entries.get(key);
  };
  return {
    async get(key) {
      const e = live(key);
      return { microUsd: e?.microUsd ?? 0, tokens: e?.tokens ?? 0 };
    },
    async add(key, spent, ttlSeconds) {
      const e = live(key) ?? { microUsd: 0, tokens: 0, expiresAt: 0 };
      entries.set(key, { microUsd: e.microUsd + spent.microUsd, tokens: e.tokens + spent.tokens, expiresAt: now() + ttlSeconds * 1000 });
      if (entries.size > 10_000) for (const k of [...entries.keys()]) live(k);
    },
  };
}

export function createRedisBudgetStore(redis: Redis, prefix = 'rfc-panel'): BudgetStore {
  const k = (key: string) => `${prefix}:budget:${key}`;
  return {
    async get(key) {
      const [microUsd, tokens] = await redis.hmget(k(key), 'microUsd', 'tokens');
      return { microUsd: Number(microUsd ?? 0), tokens: Number(tokens ?? 0) };
    },
    async add(key, spent, ttlSeconds) {
      await redis.multi().hincrby(k(key), 'microUsd', spent.microUsd).hincrby(k(key), 'tokens', spent.tokens).expire(k(key), ttlSeconds).exec();
    },
  };
}

const usd = (micro: number): string => `$${(micro / 1e6).toFixed(2)}`;

/**
 * Paid reviews within limits: `check` runs before a review picks its engines (over a limit, the
 * review still runs with the offline checklist and says why), `record` adds what the review spent.
 * Limits are checked before a review, so one review may overshoot by its own cost.
 */
export function createReviewBudget(limits: BudgetLimits, store: BudgetStore, now: () => Date = () => new Date()): ReviewBudget {
  const dailyKey = (s: BudgetScope) => `installation:${s.installationId}:${now().toISOString().slice(0, 10)}`;
  const prKey = (s: BudgetScope) => `pull:${s.owner}/${s.repo}#${s.pullNumber}`.toLowerCase();
  return {
    async check(scope) {
      if (limits.dailyUsd !== null || limits.dailyTokens !== null) {
        const day = await store.get(dailyKey(scope));
        if (limits.dailyUsd !== null && day.microUsd >= Math.round(limits.dailyUsd * 1e6)) {
          return { allowed: false, reason: `The installation's daily review budget (${usd(limits.dailyUsd * 1e6)}) is spent (${usd(day.microUsd)} today)` };
        }
        if (limits.dailyTokens !== null && day.tokens >= limits.dailyTokens) {
          return { allowed: false, reason: `The installation's daily token budget (${limits.dailyTokens} tokens) is spent (${day.tokens} today)` };
        }
      }
      if (limits.prUsd !== null) {
        const pr = await store.get(prKey(scope));
        if (pr.microUsd >= Math.round(limits.prUsd * 1e6)) {
          return { allowed: false, reason: `This pull request's review budget (${usd(limits.prUsd * 1e6)}) is spent (${usd(pr.microUsd)} so far)` };
        }
      }
      return { allowed: true, reason: null };
    },
    async record(scope, usage: Usage) {
      const spent = {
        microUsd: Math.round(usage.costUsd * 1e6),
        tokens: usage.inputTokens + usage.outputTokens + usage.cacheCreationInputTokens + usage.cacheReadInputTokens,
      };
      if (spent.microUsd === 0 && spent.tokens === 0) return;
      await Promise.all([store.add(dailyKey(scope), spent, 2 * 24 * 3600), store.add(prKey(scope), spent, 90 * 24 * 3600)]);
    },
  };
}
