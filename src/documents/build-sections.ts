import type { Section } from './schema.js';

/** Each heading's section: its path of titles and the lines up to the next heading at its depth or above. */
export function buildSections(headings: Array<{ depth: number; title: string; line: number }>, lastLine: number): Section[] {
  const sections: Section[] = [];
  const stack: Array<{ depth: number; title: string }> = [];
  headings.forEach((h, i) => {
    while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= h.depth) stack.pop();
    stack.push({ depth: h.depth, title: h.title });
    const next = headings.slice(i + 1).find((later) => later.depth <= h.depth);
    sections.push({
      path: stack.map((s) => s.title),
      title: h.title,
      depth: h.depth,
      headingLine: h.line,
      startLine: h.line,
      endLine: next ? next.line - 1 : lastLine,
    });
  });
  return sections;
}
