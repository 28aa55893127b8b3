/**
 * Hidden markers tie GitHub artefacts to the app's state. They are only ever read from comments
 * the app's own account wrote (see is-own-comment.ts): anyone can type a marker into a comment.
 */
import { createHash } from 'node:crypto';

export const marker = {
  review: (headSha: string) => `<!-- rfc-panel:review head=${headSha} -->`,
  finding: (id: string) => `<!-- rfc-panel:finding id=${id} -->`,
  summary: '<!-- rfc-panel:summary -->',
  reply: (id: string, kind: string) => `<!-- rfc-panel:reply id=${id} kind=${kind} -->`,
  /** The same response text from the same source is answered once, however many revisions carry it. */
  response: (source: string, text: string) => `<!-- rfc-panel:response ${createHash('sha256').update(`${source}\u0000${text}`).digest('hex').slice(0, 16)} -->`,
};

/**
 * The app appends its marker after everything else it writes, so the last one is ours: an earlier
 * look-alike (quoted in a suggestion, a file name, a model's words) must not win.
 */
function lastMatch(pattern: RegExp, body: string | null | undefined): string | null {
  let found: string | null = null;
  for (const m of (body ?? '').matchAll(pattern)) found = m[1] ?? null;
  return found;
}

export function reviewHead(body: string | null | undefined): string | null {
  return lastMatch(/<!-- rfc-panel:review head=([0-9a-f]{7,64}) -->/g, body);
}

export function findingIdIn(body: string | null | undefined): string | null {
  return lastMatch(/<!-- rfc-panel:finding id=([0-9a-f]{12}) -->/g, body);
}

export function isSummary(body: string | null | undefined): boolean {
  return (body ?? '').includes(marker.summary);
}
