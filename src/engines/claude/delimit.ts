import { createHash } from 'node:crypto';

/**
 * Untrusted text between markers that carry a hash of the text itself, so the text cannot contain
 * its own closing marker (the document block uses the same device).
 */
export function delimit(tag: string, text: string): string {
  const id = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return `<<<${tag} ${id}>>>\n${text}\n<<<END ${tag} ${id}>>>`;
}
