/**
 * `lines` (document lines `first`…) as "  12 | text", right-aligned to the widest number in the
 * whole document so every chunk of one document is laid out alike.
 */
export function numberLines(lines: readonly string[], first = 1, totalLines = first + lines.length - 1): string {
  const width = String(Math.max(totalLines, 1)).length;
  return lines.map((line, i) => `${String(first + i).padStart(width + 2)} | ${line}`.trimEnd()).join('\n');
}
