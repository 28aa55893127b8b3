import type { ProbotOctokit } from 'probot';
import { ValidationError } from '../errors/errors.js';
import { formatZodIssues } from '../errors/format-zod-issues.js';
import { type Config, ConfigSchema } from './schema.js';

export const CONFIG_FILE = 'rfc-panel.yml';

type Octokit = InstanceType<typeof ProbotOctokit>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Later files win key by key; lists replace rather than concatenate, so a repo can narrow `paths`. */
function mergeConfigs(configs: unknown[]): Record<string, unknown> {
  const merge = (a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> => {
    const out = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = isPlainObject(v) && isPlainObject(out[k]) ? merge(out[k] as Record<string, unknown>, v) : v;
    return out;
  };
  return configs.filter(isPlainObject).reduce<Record<string, unknown>>((acc, c) => merge(acc, c), {});
}

/**
 * `.github/rfc-panel.yml` as Probot's `context.config` reads it — default branch, the org's
 * `.github` repository as fallback, `_extends` — then validated. Jobs run after the webhook is
 * acknowledged and have no Context, so this calls the same config plugin on the job's Octokit.
 */
export async function loadConfig(octokit: Octokit, owner: string, repo: string): Promise<Config> {
  let merged: Record<string, unknown>;
  try {
    const { config } = await octokit.config.get({ owner, repo, path: `.github/${CONFIG_FILE}`, defaults: (configs: unknown[]) => mergeConfigs(configs) });
    merged = config as Record<string, unknown>;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status !== undefined && status !== 404) throw error;
    throw new ValidationError(`.github/${CONFIG_FILE}`, [`could not be read: ${(error as Error).message.split('\n')[0]}`]);
  }
  return parseConfig(merged);
}

export function parseConfig(data: unknown): Config {
  const { _extends: _ignored, ...rest } = isPlainObject(data) ? data : {};
  const parsed = ConfigSchema.safeParse(rest);
  if (!parsed.success) throw new ValidationError(`.github/${CONFIG_FILE}`, formatZodIssues(parsed.error));
  return parsed.data;
}
