import { findSection, sectionLabel } from '../documents/find-section.js';
import type { PlanDocument } from '../documents/schema.js';
import { locateQuote } from './locate-quote.js';
import type { Anchor } from './schema.js';

/**
 * Where a finding's text sits in a new revision: its quote is looked up (exact, then ignoring
 * markup, then fuzzily near its old place); null when the text is gone. Section anchors follow
 * their heading by name.
 */
export function relocateAnchor(anchor: Anchor, doc: PlanDocument): Anchor | null {
  if (anchor.level === 'document') return { ...anchor, path: doc.path };
  if (anchor.level === 'section') {
    const section = doc.sections.find((s) => sectionLabel(s) === anchor.section) ?? doc.sections.find((s) => s.title === anchor.section?.split(' › ').pop());
    return section ? { ...anchor, path: doc.path, startLine: section.headingLine, endLine: section.endLine, section: sectionLabel(section) } : null;
  }
  if (!anchor.quote) return null;
  const oldSection = anchor.section ? doc.sections.find((s) => sectionLabel(s) === anchor.section) : undefined;
  const found = locateQuote(doc, anchor.quote, {
    line: anchor.startLine,
    within: oldSection ? { startLine: oldSection.startLine, endLine: oldSection.endLine } : null,
  });
  if (!found) return null;
  return { ...anchor, path: doc.path, startLine: found.startLine, endLine: found.endLine, section: sectionLabel(findSection(doc, found.startLine)) };
}
