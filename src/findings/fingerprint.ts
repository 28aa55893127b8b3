import { createHash } from 'node:crypto';
import type { Anchor } from './schema.js';

/**
 * A finding's id hashes what it is about (concern), the file, and its place in words — the quote
 * for a line finding, the heading path for a section gap — never line numbers: edits above a
 * finding move its lines, not its id. Whitespace and case are folded so reflowing a paragraph
 * does not re-raise it. `occurrence` separates the same concern on two identical quotes.
 */
export function fingerprint(concern: string, anchor: Pick<Anchor, 'path' | 'quote' | 'section' | 'level'>, occurrence = 0): string {
  const fold = (s: string | null): string => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
  const place = anchor.level === 'line' ? fold(anchor.quote) : anchor.level === 'section' ? fold(anchor.section) : '';
  const key = [concern, anchor.path, anchor.level, place, String(occurrence)].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}
