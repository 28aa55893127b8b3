import type { Anchor } from '../findings/schema.js';

/** A link to the exact lines at one commit: it stays right however the branch moves on. */
export function permalink(repoHtmlUrl: string, sha: string, anchor: Anchor): string {
  const path = anchor.path.split('/').map(encodeURIComponent).join('/');
  const base = `${repoHtmlUrl.replace(/\/$/, '')}/blob/${sha}/${path}`;
  if (anchor.startLine === null) return base;
  // ?plain=1 makes GitHub show Markdown source, where line anchors exist.
  const lines = anchor.endLine !== null && anchor.endLine !== anchor.startLine ? `#L${anchor.startLine}-L${anchor.endLine}` : `#L${anchor.startLine}`;
  return `${base}?plain=1${lines}`;
}
