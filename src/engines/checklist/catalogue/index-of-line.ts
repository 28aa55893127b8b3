import type { DocumentIndex } from './index-document.js';

/** The line's index in `index.lines`, which leaves out blank and hidden lines. */
export function indexOfLine(index: DocumentIndex, line: number): number {
  let lo = 0;
  let hi = index.lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = index.lines[mid]!.line;
    if (at === line) return mid;
    if (at < line) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
