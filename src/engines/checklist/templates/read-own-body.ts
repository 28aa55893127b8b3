import type { PlanDocument, Section } from '../../../documents/schema.js';

/** A section's visible non-blank lines up to its first subsection. */
export function readOwnBody(doc: PlanDocument, section: Section): string[] {
  const next = doc.sections.filter((s) => s.headingLine > section.headingLine).map((s) => s.headingLine);
  const end = Math.min(section.endLine, ...(next.length > 0 ? [Math.min(...next) - 1] : []));
  const out: string[] = [];
  for (let l = section.headingLine + 1; l <= end; l++) {
    if (doc.hiddenLines.has(l)) continue;
    const text = doc.lines[l - 1] ?? '';
    if (text.trim() !== '') out.push(text);
  }
  return out;
}
