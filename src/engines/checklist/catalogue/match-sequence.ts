import type { DocumentIndex, IndexedLine, Token } from './index-document.js';
import { phraseAt, phrasePositions, type WordSpec } from './match-words.js';
import type { TermHit } from './term-hit.js';

/** One part of a sequence term: its alternatives, each a phrase; `near` when it must follow the previous part within a few words. */
export interface SequenceSide {
  phrases: WordSpec[][];
  near: boolean;
}

/** How far a sentence may run after the first part before the rest must have come. */
const MAX_TOKENS = 28;
/** Words allowed between a part and a `near` part (" .. "): "shared depot login", "same client certificate". */
const NEAR_WORDS = 3;

// "If the check fails, the order is not approved" says the opposite of "fails ... approved".
const DENIALS = new Set(['not', 'never', 'no', 'cannot', 'without', 'nor', 'don', 'doesn', 'isn', 'aren', 'won', 'wasn', 'weren']);

// A line's tail ends its sentence at . ; ! ? or a closing colon; between two words see WORDS_SPLIT.
const SENTENCE_END = /[.;!?](?:\s|$)|:\s*$/u;
const WORDS_SPLIT = /[.;!?]\s/u;
// A new list item, table row or code fence starts something else.
const NEW_BLOCK = /^\s*(?:[-*+]\s|\d+[.)]\s|\||```|~~~|#)/u;

interface Place {
  line: IndexedLine;
  token: Token;
  /** The token's index in its line. */
  ti: number;
  /** The text between the previous token and this one, line breaks included. */
  gap: string;
}

/** The tokens that follow the first part in the same sentence, into the next line when the sentence wraps. */
function restOfSentence(index: DocumentIndex, li: number, after: number): Place[] {
  const out: Place[] = [];
  let line = index.lines[li]!;
  let prevEnd = line.tokens[after]!.end;
  let ti = after + 1;
  for (;;) {
    for (; ti < line.tokens.length && out.length < MAX_TOKENS; ti++) {
      const token = line.tokens[ti]!;
      const gap = line.raw.slice(prevEnd, token.start);
      // Between two words a stop needs a space after it: "0.9" goes on.
      if (WORDS_SPLIT.test(gap)) return out;
      out.push({ line, token, ti, gap });
      prevEnd = token.end;
    }
    const next = index.lines[li + 1];
    const tail = line.raw.slice(prevEnd);
    if (out.length >= MAX_TOKENS || line.heading || !next || next.line !== line.line + 1 || next.heading || NEW_BLOCK.test(next.raw) || SENTENCE_END.test(tail))
      return out;
    li++;
    line = next;
    prevEnd = 0;
    ti = 0;
  }
}

/** The words a side's phrases can start with, to skip most positions without trying each phrase. */
interface Starts {
  exact: Set<string>;
  prefixes: string[];
}
const STARTS = new WeakMap<SequenceSide, Starts>();
function startsOf(side: SequenceSide): Starts {
  let starts = STARTS.get(side);
  if (!starts) {
    starts = { exact: new Set(), prefixes: [] };
    for (const [first] of side.phrases) {
      if (first?.prefix) starts.prefixes.push(first.word);
      else if (first) starts.exact.add(first.word);
    }
    STARTS.set(side, starts);
  }
  return starts;
}

/** Whether `word` could be the first word of one of the side's phrases (itself or its plural). */
function mayStart(word: string, starts: Starts): boolean {
  if (starts.exact.has(word)) return true;
  if (word.endsWith('s') && (starts.exact.has(word.slice(0, -1)) || starts.exact.has(word.slice(0, -2)))) return true;
  if (word.endsWith('ies') && starts.exact.has(`${word.slice(0, -3)}y`)) return true;
  return starts.prefixes.some((p) => word.startsWith(p));
}

/** Whether one of the side's phrases stands at `places[k]` onwards (all on one line): its length in words, else 0. */
function sideAt(places: Place[], k: number, side: SequenceSide): number {
  const at = places[k]!;
  if (!mayStart(at.token.word, startsOf(side))) return 0;
  for (const words of side.phrases) {
    if (k + words.length > places.length) continue;
    if (places[k + words.length - 1]!.line !== at.line) continue;
    if (phraseAt(at.line.tokens, at.line.raw, at.ti, words)) return words.length;
  }
  return 0;
}

/**
 * Every line where the parts of a sequence term come in order within one sentence ("reads the
 * balance, then inserts"): the hit sits on the line of the first part, and its text runs to the
 * last part when that is on the same line.
 */
export function matchSequence(index: DocumentIndex, sides: SequenceSide[]): TermHit[] {
  const hits = new Map<number, TermHit>();
  for (const first of sides[0]!.phrases) {
    for (const [li, start, end] of phrasePositions(index, first)) {
      const line = index.lines[li]!;
      if (hits.has(line.line)) continue;
      const places = restOfSentence(index, li, end);
      let k = 0;
      let ok = true;
      let last: Place | null = null;
      for (const side of sides.slice(1)) {
        let found = 0;
        const from = k;
        const until = side.near ? Math.min(places.length, k + NEAR_WORDS + 1) : places.length;
        for (; k < until && found === 0; k++) found = sideAt(places, k, side);
        if (found !== 0 && places.slice(from, k - 1).some((p) => DENIALS.has(p.token.word))) found = 0;
        if (found === 0) {
          ok = false;
          break;
        }
        k += found - 1;
        last = places[k - 1]!;
      }
      if (!ok) continue;
      const from = line.tokens[start]!.start;
      const to = last && last.line === line ? last.token.end : line.raw.length;
      hits.set(line.line, { line: line.line, text: line.raw.slice(from, to).trim() });
    }
  }
  return [...hits.values()].sort((a, b) => a.line - b.line);
}
