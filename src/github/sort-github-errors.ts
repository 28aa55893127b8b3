import type { Octokit } from './types.js';
import { markProvisional, toGitHubError } from './call-github.js';

/** Octokit clients whose requests are already sorted: a second gateway on one client adds no second hook. */
const sorted = new WeakSet<object>();

/** The few requests whose failure a user reads, named as a person would say them; the rest by method and route. */
const NAMES: Array<[RegExp, string]> = [
  [/^GET .*\/pulls\/[^/]+$/, 'reading the pull request'],
  [/^GET .*\/pulls\/[^/]+\/files/, 'listing the pull request files'],
  [/^GET .*\/pulls\/[^/]+\/comments/, 'listing review comments'],
  [/^GET .*\/reviews\/[^/]+\/comments/, 'listing review comments'],
  [/^GET .*\/pulls\/[^/]+\/reviews/, 'listing reviews'],
  [/^GET .*\/issues\/[^/]+\/comments/, 'listing PR comments'],
  [/^GET .*\/collaborators\/[^/]+\/permission/, "reading the commenter's permission"],
  [/^GET .*\/check-runs/, 'listing check runs'],
  [/^POST .*\/check-runs/, 'creating the check run'],
  [/^PATCH .*\/check-runs/, 'updating the check run'],
  [/^POST .*\/graphql/, "calling GitHub's GraphQL API"],
];

interface RequestOptions {
  method?: string;
  url?: string;
  path?: string;
  request?: { what?: string };
}

/** What a request was doing, for the error message: the caller's words (`request.what`) when it gave them. */
export function describeRequest(options: RequestOptions): string {
  if (options.request?.what) return options.request.what;
  const line = `${(options.method ?? 'GET').toUpperCase()} ${(options.url ?? '').split('?')[0]}`;
  const content = /\/contents\/([^?]+)/.exec(options.url ?? '');
  if (line.startsWith('GET') && content?.[1] && !content[1].includes('{')) return `reading ${decodeURIComponent(content[1])}`;
  return NAMES.find(([pattern]) => pattern.test(line))?.[1] ?? `GitHub ${line}`;
}

/**
 * Every failure of every request this client makes leaves Octokit as an ExternalServiceError that
 * says whether a retry can help — sorted once here, after Octokit's own retry and throttling plugins
 * (a hook wrapped later runs outside them), instead of at each call site. A call site that names its
 * step (`callGitHub`, `writeOnce`) may still rename the error; the sorting stays.
 */
export function sortGitHubErrors<T extends Octokit>(octokit: T): T {
  if (sorted.has(octokit)) return octokit;
  sorted.add(octokit);
  octokit.hook.wrap('request', async (request, options) => {
    try {
      return await request(options);
    } catch (error) {
      throw markProvisional(toGitHubError(describeRequest(options as RequestOptions), error));
    }
  });
  return octokit;
}
