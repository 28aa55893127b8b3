import type { LineRange } from './diff-revision.js';

/** How much of a document one revision reviews: all of it, or the lines changed since the last reviewed SHA. */
export type ReviewScope = { mode: 'full'; reason: string | null } | { mode: 'incremental'; changed: LineRange[]; previousSha: string };
