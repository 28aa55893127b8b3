import type { DocumentIndex, IndexedLine } from './index-document.js';

// A new list item, table row, code fence or heading starts something else.
const NEW_BLOCK = /^\s*(?:[-*+]\s|\d+[.)]\s|\||```|~~~|#)/u;

/**
 * The line a sentence on `index.lines[li]` wraps onto: the next line of the same prose paragraph,
 * or null when the next line is not adjacent, either line is a heading or code, or the next one
 * starts a new block. Phrases of handled terms and sequences both read across it.
 */
export function nextProseLine(index: DocumentIndex, li: number): IndexedLine | null {
  const line = index.lines[li];
  const next = index.lines[li + 1];
  if (!line || !next || next.line !== line.line + 1 || line.heading || next.heading) return null;
  const code = index.doc.codeLines;
  if (code.has(line.line) || code.has(next.line) || NEW_BLOCK.test(next.raw)) return null;
  return next;
}
