import type { BotIdentity } from './types.js';

interface Authored {
  user?: { login?: string | null; type?: string | null } | null;
  performed_via_github_app?: { id?: number | null } | null;
}

/** True only for what this app's account wrote: the one place markers are trusted. */
export function isOwnComment(comment: Authored, identity: BotIdentity): boolean {
  const appId = comment.performed_via_github_app?.id ?? null;
  if (identity.appId !== null && appId !== null) return appId === identity.appId;
  const login = comment.user?.login ?? null;
  return identity.login !== null && login !== null && comment.user?.type === 'Bot' && login.toLowerCase() === identity.login.toLowerCase();
}
