import type { PullDocument } from '../documents/pull-document.js';
import type { Finding } from '../findings/schema.js';
import { renderFindingComment } from './render-finding-comment.js';

export interface InlineComment {
  findingId: string;
  path: string;
  body: string;
  line: number;
  side: 'RIGHT';
  start_line?: number;
  start_side?: 'RIGHT';
}

/**
 * Split findings into inline comments (their lines are in the diff, so GitHub accepts them) and
 * the rest, which the summary lists with a permalink. Nothing is moved to a line it does not
 * concern: a multi-line quote whose lines are not all in the diff falls back whole.
 */
export function planReviewComments(
  findings: Finding[],
  documents: PullDocument[],
  personaNames: Map<string, string>,
): { inline: InlineComment[]; elsewhere: Finding[] } {
  const byPath = new Map(documents.map((d) => [d.path, d]));
  const inline: InlineComment[] = [];
  const elsewhere: Finding[] = [];
  for (const f of findings) {
    const doc = byPath.get(f.anchor.path);
    const { startLine, endLine } = f.anchor;
    if (!doc || f.anchor.level !== 'line' || startLine === null || endLine === null) {
      elsewhere.push(f);
      continue;
    }
    let inDiff = true;
    for (let l = startLine; l <= endLine; l++) if (!doc.commentable.has(l)) inDiff = false;
    if (!inDiff) {
      elsewhere.push(f);
      continue;
    }
    const body = renderFindingComment(f, personaNames, { withSuggestion: true });
    const comment: InlineComment = { findingId: f.id, path: f.anchor.path, body, line: endLine, side: 'RIGHT' };
    if (startLine !== endLine) Object.assign(comment, { start_line: startLine, start_side: 'RIGHT' });
    inline.push(comment);
  }
  return { inline, elsewhere };
}
