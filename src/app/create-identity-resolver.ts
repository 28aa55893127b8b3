import type { Probot } from 'probot';
import { callGitHub } from '../github/call-github.js';
import type { BotIdentity, Octokit } from '../github/types.js';
import { sortGitHubErrors } from '../github/sort-github-errors.js';

/**
 * Who the app is on GitHub (its id and bot login), read once and shared by every job; a failed
 * read is forgotten, so the next job asks again instead of inheriting the error.
 */
export function createIdentityResolver(app: Probot): () => Promise<BotIdentity> {
  let identity: Promise<BotIdentity> | null = null;
  return () => {
    identity ??= (async () => {
      const appOctokit = sortGitHubErrors((await app.auth()) as unknown as Octokit);
      const { data } = await callGitHub('reading the app identity', () => appOctokit.rest.apps.getAuthenticated());
      return { appId: data?.id ?? null, login: data?.slug ? `${data.slug}[bot]` : null };
    })().catch((error: unknown) => {
      identity = null;
      throw error;
    });
    return identity;
  };
}
