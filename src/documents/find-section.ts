import type { PlanDocument, Section } from './schema.js';

/** The innermost section that contains `line`, or null before the first heading. */
export function findSection(doc: PlanDocument, line: number): Section | null {
  let best: Section | null = null;
  for (const s of doc.sections) {
    if (s.startLine <= line && line <= s.endLine && (best === null || s.depth >= best.depth)) best = s;
  }
  return best;
}

/** "Migration › Rollback": how a section is named to readers and in fingerprints. */
export function sectionLabel(section: Section | null): string | null {
  return section ? section.path.join(' › ') : null;
}
