import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { Engine, Usage } from '../engines/types.js';
import type { Assistant } from '../ledger/assistant.js';
import { createOctokitGateway } from '../gateway/create-octokit-gateway.js';
import type { PullGateway } from '../github/pull-gateway.js';
import type { BotIdentity, Octokit, PullRef } from '../github/types.js';
import type { LedgerSeal } from '../ledger/ledger-codec.js';

/** What a job needs from the outside world; tests and the Action entry pass their own. */
export interface JobDeps {
  /** The installation's client; jobs reach it only through the gateway built on it. */
  octokit?: Octokit;
  /** GitHub for one pull request; absent: a gateway on `octokit` (tests pass an in-memory one). */
  gateway?: (pull: PullRef) => PullGateway;
  log: Logger;
  env: NodeJS.ProcessEnv;
  /** Engines for a repository's config (the default picks Claude when a key is set). */
  createEngines: (config: Config) => Promise<Engine[]>;
  /** Compute everything, write nothing (logs what would be posted). */
  dryRun: boolean;
  now: () => Date;
  /** The app's own account, to trust only markers it wrote (resolved once per process). */
  identity: () => Promise<BotIdentity>;
  /** The model-backed judge for model-raised findings and free-text replies; null offline. */
  createAssistant?: (config: Config) => Promise<Assistant | null>;
  /** Per-installation and per-PR spending limits; absent = unlimited. */
  budget?: ReviewBudget;
  metrics?: MetricsSink;
  /** Signs and verifies the ledger (derived from the app's secret); null or absent: ledgers are unsigned. */
  ledgerKey?: Buffer | null;
}

/** The one way a job reaches GitHub. */
export function gatewayFor(deps: Pick<JobDeps, 'octokit' | 'gateway'>, pull: PullRef): PullGateway {
  if (deps.gateway) return deps.gateway(pull);
  if (!deps.octokit) throw new Error('a job needs a GitHub client or a gateway');
  return createOctokitGateway(deps.octokit, pull);
}

/** The seal for one pull request's ledger, or null when the app has no key. */
export function ledgerSealFor(deps: Pick<JobDeps, 'ledgerKey'>, pull: { owner: string; repo: string; pullNumber: number }): LedgerSeal | null {
  return deps.ledgerKey ? { key: deps.ledgerKey, pull: `${pull.owner}/${pull.repo}#${pull.pullNumber}`.toLowerCase() } : null;
}

export interface BudgetScope {
  installationId: number;
  owner: string;
  repo: string;
  pullNumber: number;
}

/** Paid engines run only within budget; over it, the offline engine still reviews and the check says why. */
export interface ReviewBudget {
  check(scope: BudgetScope): Promise<{ allowed: boolean; reason: string | null }>;
  record(scope: BudgetScope, usage: Usage): Promise<void>;
}

export type MetricEvent =
  | { type: 'review'; seconds: number; outcome: 'posted' | 'skipped' | 'failed' | 'superseded' }
  | { type: 'usage'; usage: Usage }
  | { type: 'error'; kind: string };

export interface MetricsSink {
  record(event: MetricEvent): void;
}
