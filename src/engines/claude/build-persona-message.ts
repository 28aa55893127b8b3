import type { Persona } from '../../personas/schema.js';
import { REVIEW_TOOL_NAME } from './review-output-schema.js';
import type { Chunk } from './split-into-chunks.js';

export interface PersonaMessageOptions {
  maxFindings: number;
  chunk: Chunk;
  chunkCount: number;
  /** Set on the retry after a reply was cut off at max_tokens. */
  shorter?: boolean;
  /** Set on an incremental review: the changed lines this persona is asked about ("lines 24–25"), and the ids of its own open findings there to verify. */
  revision?: { changedLines: string; verify?: string[] };
  /** The catalogue concerns this document leaves open for this persona (a `<checklist>` block), or ''. */
  checklist?: string;
}

/**
 * The user turn after the shared prefix: who this reviewer is, then the task, then what to return.
 * Everything that differs between personas lives here, so the prefix stays byte-identical.
 */
export function buildPersonaMessage(persona: Persona, options: PersonaMessageOptions): string {
  const limit = options.shorter ? Math.max(1, Math.ceil(options.maxFindings / 2)) : options.maxFindings;
  return [
    `<reviewer id="${persona.id}">`,
    `You are ${persona.name}. Focus: ${persona.focus}`,
    '',
    persona.prompt.trim(),
    '</reviewer>',
    '',
    ...(options.checklist ? [options.checklist, ''] : []),
    ...task(options),
    `Report at most ${limit} findings, most severe first, by calling ${REVIEW_TOOL_NAME}; an empty list is fine if the ${options.revision ? 'change' : 'document'} is sound on your concerns.`,
    ...(options.shorter
      ? ['Your previous reply was cut off at the output limit: keep each body to two or three sentences and report only the most important findings.']
      : []),
  ].join('\n');
}

function task(options: PersonaMessageOptions): string[] {
  if (options.revision) {
    const verify = options.revision.verify ?? [];
    return [
      `Review only what changed in this revision (${options.revision.changedLines}), in the context shown, as this reviewer and only from this reviewer's point of view.`,
      'Report problems the changed text introduces or leaves open, not ones already open. Problems in unchanged text only when changed text causes them: quote the unchanged text and put the changed text in caused_by.',
      ...(verify.length > 0
        ? [
            `Also verify the open findings ${verify.join(', ')} against the text as it reads now: one entry per id in verdicts (addressed, partly, not-addressed — rewording is not a fix). evidence_quote must copy the lines that fix it, else the verdict is not-addressed; missing says what is still needed.`,
          ]
        : []),
    ];
  }
  const scope =
    options.chunkCount > 1 ? ` (part ${options.chunk.index + 1} of ${options.chunkCount}: lines ${options.chunk.startLine}–${options.chunk.endLine})` : '';
  return [`Review the document in the system prompt${scope} as this reviewer, and only from this reviewer's point of view.`];
}
