/**
 * Hidden markers tie GitHub artefacts to the app's state. They are only ever read from comments
 * the app's own account wrote (see is-own-comment.ts): anyone can type a marker into a comment.
 */
export const marker = {
  review: (headSha: string) => `<!-- rfc-panel:review head=${headSha} -->`,
  finding: (id: string) => `<!-- rfc-panel:finding id=${id} -->`,
  summary: '<!-- rfc-panel:summary -->',
  reply: (id: string, kind: string) => `<!-- rfc-panel:reply id=${id} kind=${kind} -->`,
};

export function reviewHead(body: string | null | undefined): string | null {
  return /<!-- rfc-panel:review head=([0-9a-f]{7,64}) -->/.exec(body ?? '')?.[1] ?? null;
}

export function findingIdIn(body: string | null | undefined): string | null {
  return /<!-- rfc-panel:finding id=([0-9a-f]{12}) -->/.exec(body ?? '')?.[1] ?? null;
}

export function isSummary(body: string | null | undefined): boolean {
  return (body ?? '').includes(marker.summary);
}
