import { diffArrays } from 'diff';
import type { PlanDocument } from './schema.js';

/** Inclusive 1-based line numbers of the new text. */
export interface LineRange {
  startLine: number;
  endLine: number;
}

export interface RevisionDiff {
  /** Lines of the new text that are new or rewritten, merged into ranges. */
  changed: LineRange[];
  /** The larger of lines added and lines removed: a rewrite of n lines counts n. */
  changedLines: number;
  /** Lines of the longer of the two texts: the measure for "most of the document was rewritten". */
  totalLines: number;
}

/**
 * What changed between the text reviewed last time and this revision, in this revision's line
 * numbers. Lines are compared as the parser splits them (CRLF, CR and LF each end a line), so the
 * ranges match the lines findings are anchored on. A pure deletion marks the line now standing
 * where the deleted text was: the text around a removal is what a reviewer must re-read.
 */
export function diffRevision(previousText: string, doc: PlanDocument): RevisionDiff {
  const before = splitLines(previousText);
  const after = doc.lines;
  const changed: LineRange[] = [];
  const mark = (line: number): void => {
    const at = Math.min(Math.max(line, 1), Math.max(after.length, 1));
    const last = changed[changed.length - 1];
    if (last && at <= last.endLine + 1) last.endLine = Math.max(last.endLine, at);
    else changed.push({ startLine: at, endLine: at });
  };
  let line = 1;
  let added = 0;
  let removed = 0;
  for (const part of diffArrays(before, after)) {
    const count = part.count ?? part.value.length;
    if (part.added) {
      for (let i = 0; i < count; i++) mark(line + i);
      added += count;
      line += count;
    } else if (part.removed) {
      mark(line);
      removed += count;
    } else {
      line += count;
    }
  }
  // A rewrite of n lines removes n and adds n: it is n changed lines, not 2n.
  return { changed, changedLines: Math.max(added, removed), totalLines: Math.max(before.length, after.length, 1) };
}

function splitLines(input: string): string[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
