import { findSection, sectionLabel } from '../documents/find-section.js';
import type { PlanDocument, Section } from '../documents/schema.js';
import type { Anchor } from './schema.js';

/** A line anchor quoting the lines it covers, so it can be found again in later revisions. */
export function lineAnchor(doc: PlanDocument, startLine: number, endLine = startLine, quote?: string): Anchor {
  const text =
    quote ??
    doc.lines
      .slice(startLine - 1, endLine)
      .map((l) => l.trim())
      .join('\n');
  return { path: doc.path, level: 'line', startLine, endLine, quote: text, section: sectionLabel(findSection(doc, startLine)) };
}

/** A gap in a section: the finding belongs to the section as a whole. */
export function sectionAnchor(doc: PlanDocument, section: Section | null): Anchor {
  if (!section) return documentAnchor(doc);
  return { path: doc.path, level: 'section', startLine: section.headingLine, endLine: section.endLine, quote: null, section: sectionLabel(section) };
}

export function documentAnchor(doc: PlanDocument): Anchor {
  return { path: doc.path, level: 'document', startLine: null, endLine: null, quote: null, section: null };
}
