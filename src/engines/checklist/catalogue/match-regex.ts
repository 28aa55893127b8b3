import type { DocumentIndex } from './index-document.js';
import { wordsStarting } from './match-words.js';
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

/** Where words with this start begin, as [line index, offset in the line] in document order: once per prefix and document (many terms share a leading word). */
function startsOf(index: DocumentIndex, prefix: string): Array<[number, number]> {
  const key = `ws:${prefix}`;
  let starts = index.memo.get(key) as Array<[number, number]> | undefined;
  if (!starts) {
    starts = wordsStarting(index, prefix).map(([li, ti]): [number, number] => [li, index.lines[li]!.tokens[ti]!.start]);
    starts.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    index.memo.set(key, starts);
  }
  return starts;
}

/**
 * The same hits as `matchRegex`, for a term whose matches must begin a word with one of `leading`
 * (see leading-words.ts): the expression is tried only where such a word starts (`sticky` is the
 * term compiled with 'y'), instead of at every position of the text. Per line the first start that
 * matches within the line wins, as in a scan.
 */
export function matchRegexAt(index: DocumentIndex, sticky: RegExp, leading: string[]): TermHit[] {
  let starts: Array<[number, number]>;
  if (leading.length === 1) starts = startsOf(index, leading[0]!);
  else {
    starts = leading.flatMap((prefix) => startsOf(index, prefix));
    starts.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  }
  if (starts.length === 0) return [];
  const { text, starts: lineStarts } = joined(index);
  const hits: TermHit[] = [];
  let done = -1;
  for (const [li, at] of starts) {
    if (li === done) continue;
    const line = index.lines[li]!;
    sticky.lastIndex = lineStarts[li]! + at;
    const m = sticky.exec(text);
    if (m && at + m[0].length <= line.raw.length) {
      hits.push({ line: line.line, text: m[0] });
      done = li;
    }
  }
  return hits;
}
