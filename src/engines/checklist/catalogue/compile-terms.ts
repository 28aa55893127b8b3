import type { Vocabularies } from './schema.js';
import { type DocumentIndex, tokenize } from './index-document.js';

export interface TermHit {
  line: number;
  /** The text as the plan writes it. */
  text: string;
}

/** A compiled term list: every line where one of its terms occurs (first occurrence per line). */
export interface TermMatcher {
  key: string;
  match(index: DocumentIndex): TermHit[];
}

interface WordSpec {
  word: string;
  prefix: boolean;
}

type Compiled = { kind: 'words'; words: WordSpec[] } | { kind: 'regex'; re: RegExp };

// What may stand between two words of a phrase: "rate limit", "rate-limit", "rate_limit", "`rate` limit".
const GAP = /^[\s\-_/*`'’.]*$/u;

function sameWord(token: string, spec: WordSpec): boolean {
  if (spec.prefix) return token.startsWith(spec.word);
  const w = spec.word;
  if (token === w) return true;
  if (token.length < w.length || !token.startsWith(w)) return false;
  const tail = token.slice(w.length);
  return tail === 's' || tail === 'es';
}

/** The document's distinct words, sorted, so a prefix is a binary search rather than a scan. */
function sortedWords(index: DocumentIndex): string[] {
  let words = index.memo.get('sorted-words') as string[] | undefined;
  if (!words) index.memo.set('sorted-words', (words = [...index.positions.keys()].sort()));
  return words;
}

function candidates(index: DocumentIndex, spec: WordSpec): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (!spec.prefix) {
    const w = spec.word;
    const forms = [w, `${w}s`, `${w}es`];
    if (w.endsWith('y') && w.length > 2) forms.push(`${w.slice(0, -1)}ies`);
    for (const f of forms) for (const p of index.positions.get(f) ?? []) out.push(p);
    return out;
  }
  const words = sortedWords(index);
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]! < spec.word) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < words.length && words[i]!.startsWith(spec.word); i++) for (const p of index.positions.get(words[i]!)!) out.push(p);
  return out;
}

function expand(term: string, vocab: Vocabularies, seen: Set<string> = new Set()): string[] {
  if (!term.startsWith('@')) return [term];
  const name = term.slice(1);
  if (seen.has(name)) throw new Error(`vocabulary @${name} refers to itself`);
  const list = vocab[name];
  if (!list) throw new Error(`unknown vocabulary @${name}`);
  return list.flatMap((t) => expand(t, vocab, new Set([...seen, name])));
}

/** One term's hits in a document, computed once per document however many lists share the term. */
function hitsOf(index: DocumentIndex, term: string, c: Compiled): TermHit[] {
  const key = `t:${term}`;
  let hits = index.memo.get(key) as TermHit[] | undefined;
  if (!hits) index.memo.set(key, (hits = c.kind === 'words' ? matchWords(index, c.words) : matchRegex(index, c.re)));
  return hits;
}

function compileOne(term: string): Compiled {
  if (term.length > 2 && term.startsWith('/') && term.endsWith('/')) return { kind: 'regex', re: new RegExp(term.slice(1, -1), 'iu') };
  const pieces = term.trim().split(/\s+/);
  const words: WordSpec[] = [];
  for (const piece of pieces) {
    const prefix = piece.endsWith('*');
    const parts = tokenize(prefix ? piece.slice(0, -1) : piece).map((t) => t.word);
    parts.forEach((word, i) => {
      words.push({ word, prefix: prefix && i === parts.length - 1 });
    });
  }
  if (words.length === 0) throw new Error(`term "${term}" has no words`);
  return { kind: 'words', words };
}

function matchWords(index: DocumentIndex, words: WordSpec[]): TermHit[] {
  const hits: TermHit[] = [];
  for (const [li, ti] of candidates(index, words[0]!)) {
    const line = index.lines[li]!;
    let ok = true;
    for (let k = 1; k < words.length && ok; k++) {
      const prev = line.tokens[ti + k - 1];
      const tok = line.tokens[ti + k];
      ok = tok !== undefined && prev !== undefined && sameWord(tok.word, words[k]!) && GAP.test(line.raw.slice(prev.end, tok.start));
    }
    if (!ok) continue;
    const first = line.tokens[ti]!;
    const last = line.tokens[ti + words.length - 1]!;
    hits.push({ line: line.line, text: line.raw.slice(first.start, last.end) });
  }
  return hits;
}

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

function matchRegex(index: DocumentIndex, re: RegExp): TermHit[] {
  const { text, starts } = joined(index);
  // 'm': ^ and $ keep meaning the start and end of a line.
  const global = new RegExp(re.source, 'gimu');
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

/** Terms (with `@vocabulary` references) → one matcher whose results are memoised per document. */
export function compileTerms(terms: string[], vocab: Vocabularies): TermMatcher {
  const expanded = [...new Set(terms.flatMap((t) => expand(t, vocab)))];
  const compiled = expanded.map(compileOne);
  const key = expanded.join('\u0000');
  return {
    key,
    match(index: DocumentIndex): TermHit[] {
      const memo = index.memo.get(key) as TermHit[] | undefined;
      if (memo) return memo;
      const byLine = new Map<number, TermHit>();
      for (const [i, c] of compiled.entries()) {
        for (const hit of hitsOf(index, expanded[i]!, c)) {
          const had = byLine.get(hit.line);
          // Per line keep the earliest, longest wording: it reads best in a title.
          if (!had || had.text.length < hit.text.length) byLine.set(hit.line, hit);
        }
      }
      const out = [...byLine.values()].sort((a, b) => a.line - b.line);
      index.memo.set(key, out);
      return out;
    },
  };
}
