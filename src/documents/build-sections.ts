import type { Section } from './schema.js';

/**
 * Each heading's section: its path of titles and the lines up to the next heading at its depth or
 * above. One pass with a stack of open sections (the path), so a document of many thousand headings
 * costs no more than its length.
 */
export function buildSections(headings: Array<{ depth: number; title: string; line: number }>, lastLine: number): Section[] {
  const sections: Section[] = [];
  const open: Section[] = [];
  for (const h of headings) {
    // A heading closes every open section at its depth or deeper, on the line before it.
    while (open.length > 0 && open[open.length - 1]!.depth >= h.depth) open.pop()!.endLine = h.line - 1;
    const section: Section = {
      path: [...open.map((s) => s.title), h.title],
      title: h.title,
      depth: h.depth,
      headingLine: h.line,
      startLine: h.line,
      endLine: lastLine,
    };
    open.push(section);
    sections.push(section);
  }
  return sections;
}
