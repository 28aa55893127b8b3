import type { DocumentIndex } from './index-document.js';
import type { TermHit } from './term-hit.js';

/** Visible lines joined once per document, so a regex term is one scan instead of one per line. */
function joined(index: DocumentIndex): { text: string; starts: number[] } {
  let j = index.memo.get('joined') as { text: string; starts: number[] } | undefined;
  if (!j) {
    const starts: number[] = [];
    let at = 0;
    for (const l of index.lines) {
      starts.push(at);
      at += l.raw.length + 1;
    }
    index.memo.set('joined', (j = { text: index.lines.map((l) => l.raw).join('\n'), starts }));
  }
  return j;
}

/** Every line where the expression matches within the line (a term describes one sentence). */
export function matchRegex(index: DocumentIndex, global: RegExp): TermHit[] {
  const { text, starts } = joined(index);
  // `global` is compiled once per term at load ('gim', see compile-terms.ts): 'm' so ^ and $ keep
  // meaning the start and end of a line; no 'u', which makes a long scan about twice as slow in V8
  // (terms use no Unicode classes: the schema refuses them, and `\w` and `\b` are ASCII either way).
  global.lastIndex = 0;
  const hits: TermHit[] = [];
  let m: RegExpExecArray | null;
  while ((m = global.exec(text)) !== null) {
    // The line holding the match start (binary search over line starts).
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= m.index) lo = mid;
      else hi = mid - 1;
    }
    const line = index.lines[lo]!;
    const end = starts[lo]! + line.raw.length;
    // A match may not run past its line: terms describe one sentence.
    if (m.index + m[0].length <= end) {
      hits.push({ line: line.line, text: m[0] });
      global.lastIndex = end + 1;
    } else {
      global.lastIndex = m.index + 1;
    }
  }
  return hits;
}
