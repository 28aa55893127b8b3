// Real webhook payloads from @octokit/webhooks-examples (community-contributed deliveries), so tests
// receive what GitHub sends rather than a hand-written subset.
//
//   const payload = withOverrides(webhookExample('pull_request', 'opened'), { installation: { id: 42 } });
//   const payload = pullRequestPayload('synchronize', { owner: 'o', repo: 'r', number: 7, headSha: 'abc' });
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface WebhookDefinition {
  name: string;
  actions: string[];
  // The payloads are plain JSON; tests reach into them freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  examples: any[];
}

let definitions: WebhookDefinition[] | undefined;

function loadDefinitions(): WebhookDefinition[] {
  definitions ??= JSON.parse(readFileSync(require.resolve('@octokit/webhooks-examples/api.github.com/index.json'), 'utf8')) as WebhookDefinition[];
  return definitions;
}

/**
 * A deep copy of the first example of `name` (e.g. 'pull_request') whose `action` is `action`;
 * without `action`, the first example of that event. Throws when there is none.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function webhookExample(name: string, action?: string): any {
  const definition = loadDefinitions().find((d) => d.name === name);
  if (!definition) {
    throw new Error(
      `@octokit/webhooks-examples has no "${name}" event (events: ${loadDefinitions()
        .map((d) => d.name)
        .join(', ')})`,
    );
  }
  const example = action === undefined ? definition.examples[0] : definition.examples.find((e) => e?.action === action);
  if (!example) {
    const present = [...new Set(definition.examples.map((e) => e?.action).filter(Boolean))];
    throw new Error(
      `@octokit/webhooks-examples has no "${name}${action === undefined ? '' : `.${action}`}" example` +
        ` (examples exist for: ${present.join(', ') || 'no actions'}; documented actions: ${definition.actions.join(', ')})`,
    );
  }
  return structuredClone(example);
}

/** Every (event, action) pair with an example, e.g. 'pull_request.opened'. */
export function webhookExampleNames(): string[] {
  const names = new Set<string>();
  for (const d of loadDefinitions()) for (const e of d.examples) names.add(e?.action ? `${d.name}.${e.action}` : d.name);
  return [...names];
}

export type DeepPartial<T> = T extends object ? { [K in keyof T]?: DeepPartial<T[K]> | undefined } : T;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deep merge: objects merge key by key, anything else (arrays included) replaces; a key whose patch
 * value is `undefined` is deleted. Returns a new object; `payload` is left untouched.
 */
export function withOverrides<T>(payload: T, patch: DeepPartial<T> | Record<string, unknown>): T {
  const merge = (base: unknown, change: unknown): unknown => {
    if (!isPlainObject(base) || !isPlainObject(change)) return structuredClone(change);
    const out: Record<string, unknown> = structuredClone(base);
    for (const [key, value] of Object.entries(change)) {
      if (value === undefined) delete out[key];
      else out[key] = merge(out[key], value);
    }
    return out;
  };
  return merge(payload, patch) as T;
}

export interface PullRequestPayloadOptions {
  owner?: string;
  repo?: string;
  number?: number;
  headSha?: string;
  headRef?: string;
  baseRef?: string;
  draft?: boolean;
  /** `sender.type` and `pull_request.user.type`: 'User' | 'Bot' | 'Organization'. */
  userType?: string;
  userLogin?: string;
  /** Sets `installation: { id, node_id }`; `null` removes it (the example has none by default). */
  installationId?: number | null;
}

/**
 * A `pull_request` payload for `action` with the identifying fields set consistently everywhere
 * they appear (repository, base/head repo, URLs are left as in the example). Defaults: o/r, PR 1,
 * installation 1.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function pullRequestPayload(action: string, options: PullRequestPayloadOptions = {}): any {
  const payload = webhookExample('pull_request', action);
  const owner = options.owner ?? 'o';
  const repo = options.repo ?? 'r';
  const number = options.number ?? 1;
  const repoPatch = { name: repo, full_name: `${owner}/${repo}`, owner: { login: owner } };
  const pr = payload.pull_request;
  const userPatch = {
    ...(options.userLogin === undefined ? {} : { login: options.userLogin }),
    ...(options.userType === undefined ? {} : { type: options.userType }),
  };
  const installationId = options.installationId === undefined ? 1 : options.installationId;
  return withOverrides(payload, {
    number,
    repository: repoPatch,
    ...(Object.keys(userPatch).length > 0 ? { sender: userPatch } : {}),
    installation: installationId === null ? undefined : { id: installationId, node_id: `MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u${installationId}` },
    pull_request: {
      number,
      ...(options.draft === undefined ? {} : { draft: options.draft }),
      ...(Object.keys(userPatch).length > 0 ? { user: userPatch } : {}),
      head: {
        ...(options.headSha === undefined ? {} : { sha: options.headSha }),
        ...(options.headRef === undefined ? {} : { ref: options.headRef }),
        ...(pr?.head?.repo ? { repo: repoPatch } : {}),
      },
      base: {
        ...(options.baseRef === undefined ? {} : { ref: options.baseRef }),
        ...(pr?.base?.repo ? { repo: repoPatch } : {}),
      },
    },
  });
}
