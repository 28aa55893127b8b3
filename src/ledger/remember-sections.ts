import type { ReviewedSection } from '../engines/types.js';
import { type LedgerEntry, OPEN_STATUSES, type SectionCache } from './schema.js';

/**
 * Keys kept at most: about 11 characters each once deflated and base64-encoded, so a full map is
 * about 16 KB of the sticky comment's 65,536 (a 3,000-line KEP read by nine personas is ~1,000 keys).
 */
export const MAX_SECTION_CACHE_KEYS = 1500;

/**
 * The section cache after this revision: for each section a persona reviewed to completion, the
 * open findings it has there now (raised now, or raised before and still open — an incremental
 * review is told not to repeat those). Newest keys last; the oldest are forgotten beyond the cap.
 */
export function rememberSections(cache: SectionCache | undefined, reviewed: ReviewedSection[], entries: LedgerEntry[]): SectionCache {
  const next: SectionCache = { ...cache };
  for (const r of reviewed) {
    const ids = entries
      .filter((e) => OPEN_STATUSES.has(e.status) && e.finding.anchor.path === r.path && e.finding.personas.includes(r.persona))
      .filter((e) => {
        const { startLine, endLine } = e.finding.anchor;
        return startLine !== null && startLine >= r.startLine && (endLine ?? startLine) <= r.endLine;
      })
      .map((e) => e.finding.id);
    delete next[r.key];
    next[r.key] = ids;
  }
  const keys = Object.keys(next);
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_SECTION_CACHE_KEYS))) delete next[key];
  return next;
}
