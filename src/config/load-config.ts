import type { ProbotOctokit } from 'probot';
import { ValidationError } from '../errors/errors.js';
import { formatZodIssues } from '../errors/format-zod-issues.js';
import { toGitHubError } from '../github/call-github.js';
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
  const where = `.github/${CONFIG_FILE}`;
  let files: ConfigFile[];
  try {
    ({ files } = (await octokit.config.get({ owner, repo, path: where })) as unknown as { files: ConfigFile[] });
  } catch (error) {
    // The plugin's own errors (invalid YAML, a bad `_extends` value, recursion) are the file's fault;
    // anything else (5xx, rate limits, connection resets) is GitHub's, and worth retrying.
    const message = (error as Error)?.message ?? '';
    if (!message.startsWith(PLUGIN_PREFIX)) throw toGitHubError(`reading ${where}`, error);
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? ` — ${cause.message.split('\n')[0]}` : '';
    throw new ValidationError(where, [`could not be read: ${message.slice(PLUGIN_PREFIX.length).trim().split('\n')[0]}${detail}`]);
  }
  // Most specific last, as the plugin merges them: the repository's own file wins.
  const configs = files
    .map((f) => f.config)
    .reverse()
    .filter((c) => c !== null && c !== undefined);
  // A list or a scalar where a mapping belongs is a mistake, not "no settings": say so rather than use defaults.
  const notMapping = configs.find((c) => !isPlainObject(c));
  if (notMapping !== undefined) {
    throw new ValidationError(where, [
      `(top level): must be a mapping of settings (e.g. \`gate: critical\`), not ${Array.isArray(notMapping) ? 'a list' : `a ${typeof notMapping}`}`,
    ]);
  }
  // An `_extends` whose target is missing (or not readable by the app) must not silently drop the inherited settings.
  const missing = extendedFiles(files).find((f) => f.config === null);
  if (missing) throw new ValidationError(where, [`_extends: ${missing.owner}/${missing.repo}:${missing.path} was not found (or the app cannot read it)`]);
  return parseConfig(mergeConfigs(configs));
}

const PLUGIN_PREFIX = '[@probot/octokit-plugin-config]';

interface ConfigFile {
  owner: string;
  repo: string;
  path: string;
  config: unknown;
}

/** The files the plugin read because of `_extends`: after the repo's own file, or after the org's `.github` fallback. */
function extendedFiles(files: ConfigFile[]): ConfigFile[] {
  const first = files[0];
  if (!first) return [];
  return files.slice(first.config === null ? 2 : 1);
}

export function parseConfig(data: unknown): Config {
  const { _extends: _ignored, ...rest } = isPlainObject(data) ? data : {};
  const parsed = ConfigSchema.safeParse(rest);
  if (!parsed.success) throw new ValidationError(`.github/${CONFIG_FILE}`, formatZodIssues(parsed.error));
  return parsed.data;
}
