const ONE_PER_OWNER = /^(?:(.+?)_)?(?:preferences?|prefs|settings?|profiles?|configs?|configurations?)$/;

/**
 * Tables named like `user_preferences` or `account_settings` hold one row per owner. Returns the
 * owner part of the name (`user`; empty for a bare `settings`), or null for any other table.
 */
export function matchOneToOneTable(table: string): string | null {
  const m = ONE_PER_OWNER.exec(table.toLowerCase());
  return m ? (m[1] ?? '') : null;
}
