import type { PlanDocument } from '../documents/schema.js';
import type { ReviewScope } from '../documents/review-scope.js';
import { relocateAnchor } from '../findings/relocate-anchor.js';
import type { LedgerEntry } from './schema.js';

/**
 * Whether an open model-raised finding needs a verification call on this revision. After a full
 * review, every one does. After an incremental one, only those the change touches: the text it
 * quoted changed or is gone, its section holds a changed line, or — for a gap in the whole
 * document — the change added or renamed a heading. The others keep their status without a call:
 * their text is exactly what was judged before.
 */
export function needsVerification(entry: LedgerEntry, doc: PlanDocument, scope: ReviewScope | undefined): boolean {
  if (!scope || scope.mode === 'full') return true;
  const touches = (start: number, end: number): boolean => scope.changed.some((r) => r.startLine <= end && start <= r.endLine);
  if (entry.finding.anchor.level === 'document') return doc.sections.some((s) => touches(s.headingLine, s.headingLine));
  const now = relocateAnchor({ ...entry.finding.anchor, path: doc.path }, doc);
  if (!now || now.startLine === null) return true;
  return touches(now.startLine, now.endLine ?? now.startLine);
}
