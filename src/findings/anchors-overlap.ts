import type { Anchor } from './schema.js';

/** Two line anchors share lines (within `slack` lines of each other); gaps never overlap lines. */
export function anchorsOverlap(a: Anchor, b: Anchor, slack = 0): boolean {
  if (a.startLine === null || a.endLine === null || b.startLine === null || b.endLine === null) return false;
  return a.startLine <= b.endLine + slack && b.startLine <= a.endLine + slack;
}
