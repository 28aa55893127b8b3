import type { PlanDocument } from '../../../documents/schema.js';
import { sameHeading } from './same-heading.js';
import type { Template } from './schema.js';

/** The first template whose tell-tale headings the document has enough of. */
export function detectTemplate(doc: PlanDocument, templates: Template[]): Template | null {
  for (const t of templates) {
    const seen = t.detect.headings.filter((h) => doc.sections.some((s) => sameHeading(s.title, h))).length;
    if (seen >= t.detect.minMatches) return t;
  }
  return null;
}
