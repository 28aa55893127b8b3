import type { Persona } from '../../personas/schema.js';
import { REVIEW_TOOL_NAME } from './schema.js';
import type { Chunk } from './split-into-chunks.js';

export interface PersonaMessageOptions {
  maxFindings: number;
  chunk: Chunk;
  chunkCount: number;
  /** Set on the retry after a reply was cut off at max_tokens. */
  shorter?: boolean;
  /** The catalogue concerns this document leaves open for this persona (a `<checklist>` block), or ''. */
  checklist?: string;
}

/** The user turn after the shared prefix: who this reviewer is, then what to return. */
export function buildPersonaMessage(persona: Persona, options: PersonaMessageOptions): string {
  const limit = options.shorter ? Math.max(1, Math.ceil(options.maxFindings / 2)) : options.maxFindings;
  const scope = options.chunkCount > 1 ? ` (part ${options.chunk.index + 1} of ${options.chunkCount}: lines ${options.chunk.startLine}–${options.chunk.endLine})` : '';
  return [
    `<reviewer id="${persona.id}">`,
    `You are ${persona.name}. Focus: ${persona.focus}`,
    '',
    persona.prompt.trim(),
    '</reviewer>',
    '',
    ...(options.checklist ? ['', options.checklist, ''] : []),
    `Review the document in the system prompt${scope} as this reviewer, and only from this reviewer's point of view.`,
    `Report at most ${limit} findings, most severe first, by calling ${REVIEW_TOOL_NAME}; an empty list is fine if the document is sound on your concerns.`,
    ...(options.shorter
      ? ['Your previous reply was cut off at the output limit: keep each body to two or three sentences and report only the most important findings.']
      : []),
  ].join('\n');
}
