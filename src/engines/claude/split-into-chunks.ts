import type { PlanDocument } from '../../documents/schema.js';
import { numberLines } from './number-lines.js';

export interface Chunk {
  /** 0-based. */
  index: number;
  startLine: number;
  endLine: number;
}

/**
 * One chunk (the whole document) when it fits `maxTokens`; otherwise runs of top-level sections
 * packed up to `maxTokens` each. "Top level" is the shallowest heading depth that splits the
 * document (a lone `#` title is skipped); text before the first such heading is its own unit.
 * A single section larger than the budget is cut into line windows.
 */
export function splitIntoChunks(doc: PlanDocument, visibleLines: readonly string[], maxTokens: number): Chunk[] {
  const total = visibleLines.length;
  // Prefix sums of each numbered line's length (plus its newline): cost(a, b) in O(1).
  const prefix = [0];
  visibleLines.forEach((line, i) => {
    prefix.push(prefix[i]! + numberLines([line], i + 1, total).length + 1);
  });
  const cost = (start: number, end: number): number => Math.ceil((prefix[end]! - prefix[start - 1]!) / 4);
  if (total === 0 || cost(1, total) <= maxTokens) return [{ index: 0, startLine: 1, endLine: Math.max(total, 1) }];

  const depths = [...new Set(doc.sections.map((s) => s.depth))].sort((a, b) => a - b);
  const depth = depths.find((d) => doc.sections.filter((s) => s.depth === d).length >= 2) ?? depths[0];
  const starts = [...new Set([1, ...doc.sections.filter((s) => s.depth === depth).map((s) => s.headingLine)])].sort((a, b) => a - b);
  const units: Array<[number, number]> = starts.map((start, i) => [start, (starts[i + 1] ?? total + 1) - 1]);

  const pieces: Array<[number, number]> = [];
  for (const [start, end] of units) {
    if (cost(start, end) <= maxTokens) {
      pieces.push([start, end]);
      continue;
    }
    let from = start;
    while (from <= end) {
      let to = from;
      while (to < end && cost(from, to + 1) <= maxTokens) to++;
      pieces.push([from, to]);
      from = to + 1;
    }
  }

  const chunks: Chunk[] = [];
  let current: [number, number] | null = null;
  for (const piece of pieces) {
    if (current && cost(current[0], piece[1]) <= maxTokens) current = [current[0], piece[1]];
    else {
      if (current) chunks.push({ index: chunks.length, startLine: current[0], endLine: current[1] });
      current = piece;
    }
  }
  if (current) chunks.push({ index: chunks.length, startLine: current[0], endLine: current[1] });
  return chunks;
}
