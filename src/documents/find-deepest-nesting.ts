/** The deepest run of `>` and list markers that opens a line (a cheap scan before the parser sees it). */
export function findDeepestNesting(lines: string[]): { depth: number; line: number } {
  let best = { depth: 0, line: 0 };
  const marker = /^[ \t]*(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])/;
  lines.forEach((line, i) => {
    let depth = 0;
    let rest = line;
    for (let m = marker.exec(rest); m !== null; m = marker.exec(rest)) {
      depth++;
      rest = rest.slice(m[0].length);
    }
    if (depth > best.depth) best = { depth, line: i + 1 };
  });
  return best;
}
