import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { Engine } from '../engines/types.js';
import type { BotIdentity, Octokit } from '../github/types.js';

/** What a job needs from the outside world; tests and the Action entry pass their own. */
export interface JobDeps {
  octokit: Octokit;
  log: Logger;
  env: NodeJS.ProcessEnv;
  /** Engines for a repository's config (the default picks Claude when a key is set). */
  createEngines: (config: Config) => Promise<Engine[]>;
  /** Compute everything, write nothing (logs what would be posted). */
  dryRun: boolean;
  now: () => Date;
  /** The app's own account, to trust only markers it wrote (resolved once per process). */
  identity: () => Promise<BotIdentity>;
}
