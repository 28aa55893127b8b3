import { commentableLines, localPatch } from './commentable-lines.js';
import { parseDocument } from './parse-document.js';
import type { PlanDocument } from './schema.js';

export interface PreparedDocument {
  doc: PlanDocument;
  commentable: Set<number>;
}

/** Parse a document and work out which of its lines the PR's diff lets a review comment on. */
export function prepareDocument(path: string, text: string, baseText: string | null, patch: string | null): PreparedDocument {
  const doc = parseDocument(path, text);
  const hunks = patch ?? (baseText !== null ? localPatch(path, baseText, text) : null);
  return { doc, commentable: hunks !== null ? commentableLines(hunks) : new Set(doc.lines.map((_, i) => i + 1)) };
}
