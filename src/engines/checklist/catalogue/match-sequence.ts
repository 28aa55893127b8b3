import { endsSentence } from './ends-sentence.js';
import type { DocumentIndex, IndexedLine, Token } from './index-document.js';
import { basesOf, joinsAcross, phrasePositions, sameWord, type WordSpec } from './match-words.js';
import { nextProseLine } from './next-prose-line.js';
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

// "If the check fails, the order is not approved" says the opposite of "fails ... approved"; a "t"
// after an apostrophe is the end of any "n't" ("can't", "doesn't", "won't").
const DENIALS = new Set(['not', 'never', 'no', 'none', 'neither', 'nor', 'cannot', 'without', 'nothing', 'nobody']);

// A line's tail ends its sentence at a stop or a closing colon.
const TAIL_END = /[.;!?][*_`'’")\]]*\s*$|:\s*$/u;

interface Place {
  line: IndexedLine;
  token: Token;
  /** A word that denies what follows it ("not", or the "t" of "can't"). */
  denies: boolean;
}

/** The tokens that follow the first part in the same sentence, into the next line when a prose sentence wraps. */
function restOfSentence(index: DocumentIndex, li: number, after: number): Place[] {
  const out: Place[] = [];
  let line = index.lines[li]!;
  let prevEnd = line.tokens[after]!.end;
  let ti = after + 1;
  for (;;) {
    for (; ti < line.tokens.length && out.length < MAX_TOKENS; ti++) {
      const token = line.tokens[ti]!;
      const gap = line.raw.slice(prevEnd, token.start);
      // A table cell is a sentence of its own.
      if (endsSentence(gap) || gap.includes('|')) return out;
      out.push({ line, token, denies: DENIALS.has(token.word) || (token.word === 't' && /['’]$/u.test(gap)) });
      prevEnd = token.end;
    }
    const next = out.length < MAX_TOKENS && !TAIL_END.test(line.raw.slice(prevEnd)) ? nextProseLine(index, li) : null;
    if (!next) return out;
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

/** Whether `word` could be the first word of one of the side's phrases (itself or its plural): phraseAtPlaces decides. */
function mayStart(word: string, starts: Starts): boolean {
  return basesOf(word).some((b) => starts.exact.has(b)) || starts.prefixes.some((p) => word.startsWith(p));
}

/**
 * Whether the phrase stands at `places[k]` onwards: the words in order with only joiners between
 * them, also over the line break of a wrapped sentence ("the driver's" / "first name").
 */
function phraseAtPlaces(places: Place[], k: number, words: WordSpec[]): boolean {
  for (let j = 0; j < words.length; j++) {
    const at = places[k + j]!;
    if (!sameWord(at.token.word, words[j]!)) return false;
    if (j === 0) continue;
    const prev = places[k + j - 1]!;
    if (!joinsAcross(prev.line, prev.token.end, at.line, at.token.start)) return false;
  }
  return true;
}

/** Whether one of the side's phrases stands at `places[k]` onwards: its length in words, else 0. */
function sideAt(places: Place[], k: number, side: SequenceSide): number {
  const at = places[k]!;
  if (!mayStart(at.token.word, startsOf(side))) return 0;
  for (const words of side.phrases) {
    if (k + words.length > places.length) continue;
    if (phraseAtPlaces(places, k, words)) return words.length;
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
      const last = matchRest(places, sides, 1, 0);
      if (last === undefined) continue;
      const from = line.tokens[start]!.start;
      const to = last && last.line === line ? last.token.end : line.raw.length;
      hits.set(line.line, { line: line.line, text: line.raw.slice(from, to).trim() });
    }
  }
  return [...hits.values()].sort((a, b) => a.line - b.line);
}

/**
 * Parts `s` onwards, searched from `places[k]`: the place of the last word of the last part, or
 * undefined when they do not all come. Each part tries every position it may take, so an early
 * occurrence that leaves a near part out of reach does not hide a later one that works.
 */
function matchRest(places: Place[], sides: SequenceSide[], s: number, k: number): Place | null | undefined {
  if (s === sides.length) return null;
  const side = sides[s]!;
  const until = side.near ? Math.min(places.length, k + NEAR_WORDS + 1) : places.length;
  for (let p = k; p < until; p++) {
    // A denial between two parts turns the decision around.
    if (p > k && places[p - 1]!.denies) return undefined;
    const length = sideAt(places, p, side);
    if (length === 0) continue;
    const rest = matchRest(places, sides, s + 1, p + length);
    if (rest !== undefined) return rest ?? places[p + length - 1]!;
  }
  return undefined;
}
