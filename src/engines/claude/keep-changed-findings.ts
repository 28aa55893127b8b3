import type { LineRange } from '../../documents/diff-revision.js';
import type { PlanDocument } from '../../documents/schema.js';
import { locateQuote } from '../../findings/locate-quote.js';
import { lineAnchor } from '../../findings/make-anchor.js';
import type { DraftFinding } from '../../findings/schema.js';
import { maskSecrets } from '../../logging/redaction.js';
import { linesLabel } from './lines-label.js';
import { stripLineNumbers } from './strip-line-numbers.js';

export interface ChangedFindings {
  kept: DraftFinding[];
  /** Findings about unchanged text that no changed text causes: counted, never posted. */
  dropped: number;
}

/**
 * An incremental review may only speak about what changed. A finding anchored on changed lines (or
 * on a changed section, for a gap) is kept. One anchored on unchanged text is kept only when the
 * model quoted, in `caused_by`, changed text that causes it: it moves onto that changed text (so the
 * comment lands on lines the author just wrote) and says which unchanged lines it concerns.
 * Everything else is dropped: re-judging old lines on every push is the noise this mode removes.
 */
export function keepChangedFindings(
  doc: PlanDocument,
  visibleLines: readonly string[],
  findings: Array<{ draft: DraftFinding; causedBy: string | null | undefined }>,
  changed: LineRange[],
): ChangedFindings {
  const hits = (start: number, end: number): boolean => changed.some((r) => r.startLine <= end && start <= r.endLine);
  const kept: DraftFinding[] = [];
  let dropped = 0;
  for (const { draft, causedBy } of findings) {
    const { startLine, endLine } = draft.anchor;
    if (draft.anchor.level !== 'document' && startLine !== null && endLine !== null && hits(startLine, endLine)) {
      kept.push(draft);
      continue;
    }
    const cause = causedBy ? stripLineNumbers(causedBy).trim() : '';
    const visible: PlanDocument = { ...doc, lines: [...visibleLines] };
    const found = cause.length > 0 ? locateQuote(visible, cause) : null;
    if (found && found.method !== 'fuzzy' && hits(found.startLine, found.endLine)) {
      const about =
        draft.anchor.level === 'line' && startLine !== null && endLine !== null
          ? `${linesLabel([startLine, endLine])}: “${maskSecrets(draft.anchor.quote ?? '')
              .replace(/\s+/g, ' ')
              .slice(0, 200)}”`
          : (draft.anchor.section ?? 'the document');
      kept.push({
        ...draft,
        suggestion: null,
        body: `${draft.body}\n\n_Caused by this change; it concerns ${about}_`,
        anchor: lineAnchor(doc, found.startLine, found.endLine),
      });
      continue;
    }
    dropped++;
  }
  return { kept, dropped };
}
