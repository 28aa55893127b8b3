import type { PlanDocument } from '../../documents/schema.js';

/** The heading tree with line numbers, e.g. "line 40: ## Design › Migration", for chunked reviews. */
export function buildOutline(doc: PlanDocument, visibleLines: readonly string[]): string {
  return doc.sections
    .filter((s) => (visibleLines[s.headingLine - 1] ?? '').trim().length > 0)
    .map((s) => `${'  '.repeat(Math.max(0, s.depth - 1))}line ${s.headingLine}–${s.endLine}: ${s.path.join(' › ')}`)
    .join('\n');
}
