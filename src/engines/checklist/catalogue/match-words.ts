import { endsSentence } from './ends-sentence.js';
import type { DocumentIndex, IndexedLine, Token } from './index-document.js';
import { nextProseLine } from './next-prose-line.js';
import type { TermHit } from './term-hit.js';

export interface WordSpec {
  word: string;
  prefix: boolean;
}

// What may stand between two words of a phrase: "rate limit", "rate-limit", "rate_limit", "`rate` limit".
const GAP = /^[\s\-_/*`'’.]*$/u;
// …but not a stop that ends a sentence: "Confirms. The change" is not "confirm the change".
const joins = (gap: string): boolean => GAP.test(gap) && !endsSentence(gap);

/**
 * Whether the word ending at `end` on `before` and the word starting at `start` on `after` join as
 * one phrase: on one line, only joiners between them; over a hard wrap, the end of the one line and
 * the start of the next count as one gap.
 */
export function joinsAcross(before: IndexedLine, end: number, after: IndexedLine, start: number): boolean {
  return joins(before === after ? before.raw.slice(end, start) : `${before.raw.slice(end)} ${after.raw.slice(0, start)}`);
}

// A short term plus "s" can be another word: "HA" is not in "has", "IT" is not in "its".
const NOT_PLURALS = new Set(['has', 'was', 'its', 'his', 'is', 'as', 'us', 'does', 'goes']);

/** The forms a whole-word term takes in prose: itself and its plural. */
function formsOf(w: string): string[] {
  const forms = [w, `${w}s`, `${w}es`];
  if (w.endsWith('y') && w.length > 2) forms.push(`${w.slice(0, -1)}ies`);
  return forms.filter((f) => f === w || !NOT_PLURALS.has(f));
}

/** `formsOf(w).includes(token)` without building the list: this runs for every word of every phrase candidate. */
function isFormOf(token: string, w: string): boolean {
  if (token === w) return true;
  if (NOT_PLURALS.has(token)) return false;
  if (token.startsWith(w)) {
    const tail = token.length - w.length;
    return (tail === 1 && token.endsWith('s')) || (tail === 2 && token.endsWith('es'));
  }
  return w.length > 2 && w.endsWith('y') && token.length === w.length + 2 && token.endsWith('ies') && token.startsWith(w.slice(0, -1));
}

/** The words `token` may be a form of (itself, or the singular its plural ending suggests): the inverse of formsOf. */
export function basesOf(token: string): string[] {
  const bases = [token];
  if (token.endsWith('s')) bases.push(token.slice(0, -1), token.slice(0, -2));
  if (token.endsWith('ies')) bases.push(`${token.slice(0, -3)}y`);
  return bases;
}

export function sameWord(token: string, spec: WordSpec): boolean {
  return spec.prefix ? token.startsWith(spec.word) : isFormOf(token, spec.word);
}

/** The document's distinct words, sorted, so a prefix is a binary search rather than a scan. */
function sortedWords(index: DocumentIndex): string[] {
  let words = index.memo.get('sorted-words') as string[] | undefined;
  if (!words) index.memo.set('sorted-words', (words = [...index.positions.keys()].sort()));
  return words;
}

/** Index of the first of the document's sorted words that is not before `prefix`. */
function lowerBound(words: string[], prefix: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** [line index, token index] of every word of the document that starts with `prefix` (lower-case). */
export function wordsStarting(index: DocumentIndex, prefix: string): Array<[number, number]> {
  const words = sortedWords(index);
  const out: Array<[number, number]> = [];
  for (let i = lowerBound(words, prefix); i < words.length && words[i]!.startsWith(prefix); i++) for (const p of index.positions.get(words[i]!)!) out.push(p);
  return out;
}

function candidates(index: DocumentIndex, spec: WordSpec): Array<[number, number]> {
  if (spec.prefix) return wordsStarting(index, spec.word);
  return formsOf(spec.word).flatMap((f) => index.positions.get(f) ?? []);
}

/** Where a phrase occurs: [line index, first token, last token] of every occurrence (first on a line first). */
export function phrasePositions(index: DocumentIndex, words: WordSpec[]): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (const [li, ti] of candidates(index, words[0]!)) {
    const line = index.lines[li]!;
    if (phraseAt(line.tokens, line.raw, ti, words)) out.push([li, ti, ti + words.length - 1]);
  }
  return out;
}

/** Whether the phrase's words stand at `tokens[ti]` onwards, with only joiners between them. */
export function phraseAt(tokens: readonly Token[], raw: string, ti: number, words: WordSpec[]): boolean {
  for (let k = 0; k < words.length; k++) {
    const tok = tokens[ti + k];
    if (tok === undefined || !sameWord(tok.word, words[k]!)) return false;
    if (k > 0 && !joins(raw.slice(tokens[ti + k - 1]!.end, tok.start))) return false;
  }
  return true;
}

/** Every line where the words occur in order (a phrase), with the text as the plan writes it. */
export function matchWords(index: DocumentIndex, words: WordSpec[]): TermHit[] {
  // The same walk as phrasePositions, without the intermediate tuples: this runs for every term of every concern.
  const hits: TermHit[] = [];
  for (const [li, ti] of candidates(index, words[0]!)) {
    const line = index.lines[li]!;
    if (words.length > 1 && !phraseAt(line.tokens, line.raw, ti, words)) continue;
    hits.push({ line: line.line, text: line.raw.slice(line.tokens[ti]!.start, line.tokens[ti + words.length - 1]!.end) });
  }
  return hits;
}

/** The lines where a phrase starts near the end of the line and runs on at the start of the next one (see wrapsOnto). */
export function matchWrappedWords(index: DocumentIndex, words: WordSpec[]): TermHit[] {
  const hits: TermHit[] = [];
  if (words.length < 2) return hits;
  for (const [li, ti] of candidates(index, words[0]!)) {
    const line = index.lines[li]!;
    if (ti + words.length <= line.tokens.length) continue;
    const rest = wrapsOnto(index, li, ti, words);
    if (rest === null) continue;
    const head = line.raw.slice(line.tokens[ti]!.start).trim();
    hits.push({ line: line.line, text: `${head} ${rest}`, wrapped: { head, rest } });
  }
  return hits;
}

/**
 * The rest of a phrase that starts at `tokens[ti]` and runs off the end of its line, when it goes on
 * at the start of the next line of the same prose paragraph (else null): hard-wrapped documents (most RFCs and KEPs) break
 * "SELECT ... FOR" / "UPDATE" or "idempotency" / "key" at the margin.
 */
function wrapsOnto(index: DocumentIndex, li: number, ti: number, words: WordSpec[]): string | null {
  const line = index.lines[li]!;
  const onLine = line.tokens.length - ti;
  if (onLine <= 0 || onLine >= words.length) return null;
  const next = nextProseLine(index, li);
  if (!next) return null;
  if (!phraseAt(line.tokens, line.raw, ti, words.slice(0, onLine))) return null;
  const after = words.length - onLine;
  if (!joinsAcross(line, line.tokens.at(-1)!.end, next, next.tokens[0]?.start ?? 0)) return null;
  if (!phraseAt(next.tokens, next.raw, 0, words.slice(onLine))) return null;
  // The words the phrase takes from the next line, as the plan writes them.
  return next.raw.slice(next.tokens[0]!.start, next.tokens[after - 1]!.end);
}
