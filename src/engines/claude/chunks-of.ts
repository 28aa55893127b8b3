import type { PlanDocument } from '../../documents/schema.js';
import type { ResolvedClaudeOptions } from './schema.js';
import { type Chunk, splitIntoChunks } from './split-into-chunks.js';

/** The document's chunks, as the review would split it (one chunk when it fits maxDocumentTokens). */
export function chunksOf(doc: PlanDocument, visibleLines: readonly string[], options: Pick<ResolvedClaudeOptions, 'maxDocumentTokens'>): Chunk[] {
  return splitIntoChunks(doc, visibleLines, options.maxDocumentTokens);
}
