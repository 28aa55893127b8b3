import { createHash } from 'node:crypto';
import type { Persona } from '../../personas/schema.js';
import { REVIEW_PROMPT_VERSION } from './schema.js';

/**
 * The key under which one persona's findings on one section are remembered: who reviewed (the
 * persona's id and its prompt, which a repository can edit), with which model and prompt version,
 * which text, in which outline (a section reads differently once the document around it gains or
 * loses sections). 12 hex characters: the map rides in the sticky comment, where space is scarce,
 * and a collision among one pull request's at most 1,500 keys is about a one-in-a-hundred-million
 * chance at 48 bits.
 */
export function sectionCacheKey(persona: Pick<Persona, 'id' | 'prompt' | 'focus'>, model: string, textHash: string, outlineHash: string): string {
  return createHash('sha256')
    .update([persona.id, persona.focus, persona.prompt, model, REVIEW_PROMPT_VERSION, textHash, outlineHash].join('\u0000'))
    .digest('hex')
    .slice(0, 12);
}
