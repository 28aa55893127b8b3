import type { Vocabularies } from './schema.js';
import { type DocumentIndex, tokenize } from './index-document.js';
import { matchRegex, matchRegexAt } from './match-regex.js';
import { leadingWords } from './leading-words.js';
import { matchWords, matchWrappedWords, type WordSpec } from './match-words.js';
import { matchSequence, type SequenceSide } from './match-sequence.js';
import type { TermHit } from './term-hit.js';

/** A compiled term list: every line where one of its terms occurs (first occurrence per line). */
export interface TermMatcher {
  key: string;
  /** The terms with vocabularies expanded, as written (`rate limit`, `invalidat*`, `/\bno backoff\b/`). */
  terms: readonly string[];
  match(index: DocumentIndex): TermHit[];
}

// A regex term with leading words is tried only where they start (`sticky`); others scan the text (`re`).
type Compiled =
  | { kind: 'words'; words: WordSpec[] }
  | { kind: 'regex'; re: RegExp }
  | { kind: 'regex-at'; sticky: RegExp; leading: string[] }
  | { kind: 'sequence'; sides: SequenceSide[] };

/**
 * `@reads ... @writes`: parts that come in this order within one sentence; `shared .. @logins`: the
 * next part within a few words (see match-sequence.ts).
 */
const SEQUENCE = / (\.\.\.?) /;
const isSequence = (term: string): boolean => SEQUENCE.test(term);

function expand(term: string, vocab: Vocabularies, seen: Set<string> = new Set()): string[] {
  if (!term.startsWith('@') || isSequence(term)) return [term];
  const name = term.slice(1);
  if (seen.has(name)) throw new Error(`vocabulary @${name} refers to itself`);
  const list = vocab[name];
  if (!list) throw new Error(`unknown vocabulary @${name}`);
  return list.flatMap((t) => expand(t, vocab, new Set([...seen, name])));
}

/** One term's hits in a document, computed once per document however many lists share the term. */
function hitsOf(index: DocumentIndex, term: string, c: Compiled, acrossLines: boolean): TermHit[] {
  const wraps = acrossLines && c.kind === 'words' && c.words.length > 1;
  const key = `${wraps ? 'w' : 't'}:${term}`;
  let hits = index.memo.get(key) as TermHit[] | undefined;
  if (!hits) {
    if (wraps && c.kind === 'words') {
      // The same hits as on one line (shared with every other list that has the term), plus the
      // wrapped ones; a line with both keeps one (match() keeps one hit per line).
      const wrapped = matchWrappedWords(index, c.words);
      const plain = hitsOf(index, term, c, false);
      hits = wrapped.length === 0 ? plain : [...plain, ...wrapped];
    } else
      hits =
        c.kind === 'words'
          ? matchWords(index, c.words)
          : c.kind === 'regex'
            ? matchRegex(index, c.re)
            : c.kind === 'sequence'
              ? matchSequence(index, c.sides)
              : matchRegexAt(index, c.sticky, c.leading);
    index.memo.set(key, hits);
  }
  return hits;
}

function wordsOf(term: string): WordSpec[] {
  const words: WordSpec[] = [];
  for (const piece of term.trim().split(/\s+/)) {
    const prefix = piece.endsWith('*');
    const parts = tokenize(prefix ? piece.slice(0, -1) : piece).map((t) => t.word);
    parts.forEach((word, i) => {
      words.push({ word, prefix: prefix && i === parts.length - 1 });
    });
  }
  if (words.length === 0) throw new Error(`term "${term}" has no words`);
  return words;
}

/** A sequence's parts, each a phrase or a vocabulary of phrases (a /regex/ cannot take part). */
function sidesOf(term: string, vocab: Vocabularies): SequenceSide[] {
  const pieces = term.split(SEQUENCE);
  const sides: SequenceSide[] = [];
  for (let i = 0; i < pieces.length; i += 2) {
    const phrases = expand(pieces[i]!.trim(), vocab).map((t) => {
      if (t.startsWith('/') && t.endsWith('/')) throw new Error(`sequence "${term}": a /regex/ cannot be a part; use words or a vocabulary of words`);
      if (isSequence(t)) throw new Error(`sequence "${term}": a part cannot be another sequence ("${t}")`);
      if (literalSource(t) !== null) throw new Error(`sequence "${term}": a part is words only, not symbols ("${t}")`);
      return wordsOf(t);
    });
    sides.push({ phrases, near: pieces[i - 1] === '..' });
  }
  if (sides.length < 2) throw new Error(`sequence "${term}" needs two parts`);
  return sides;
}

/** How a term reads once its vocabularies are expanded: a sequence's parts become word lists. */
function spelled(term: string, vocab: Vocabularies): string {
  if (!isSequence(term)) return term;
  return term
    .split(SEQUENCE)
    .map((piece, i) => (i % 2 === 1 ? piece : expand(piece.trim(), vocab).join(' ')))
    .join(' ');
}

// What a phrase of words can carry: between words only spaces, hyphens, underscores, slashes, dots and quotes stand (see match-words.ts), and a star ends a prefix.
const PLAIN = /^[\p{L}\p{N}\s\-_/.'’`*]*$/u;
// A star that does not end a word after a letter ("SELECT *", "foo*bar") is text, not a prefix.
const LONE_STAR = /(?:^|\W)\*|\*(?!\s|$)/u;

/**
 * A term with symbols (`active=false`, `tag: latest`, `"Principal": "*"`, `N+1`, `CHECK (`) as the
 * literal text it is: read as words, its symbols would vanish and it would either never match its
 * own text or match any line with one of its words. A star that ends a word stays a prefix.
 */
function literalSource(term: string): string | null {
  const text = term.trim();
  if (PLAIN.test(text) && !LONE_STAR.test(text)) return null;
  const body = text
    .split(/((?<=\w)\*(?=\s|$)|\s+)/u)
    .map((part, i, parts) => {
      if (/^\*$/.test(part) && /\w$/.test(parts[i - 1] ?? '')) return '\\w*';
      // Between two words a space is needed ("on delete" is not "ondelete"); next to a symbol it may go.
      if (/^\s+$/.test(part)) return /\w$/.test(parts[i - 1] ?? '') && /^\w/.test(parts[i + 1] ?? '') ? '\\s+' : '\\s*';
      return part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    })
    .join('');
  return `${/^\w/.test(text) ? '\\b' : ''}${body}${/\w$/.test(text) ? '\\b' : ''}`;
}

function compileOne(term: string, vocab: Vocabularies): Compiled {
  if (isSequence(term)) return { kind: 'sequence', sides: sidesOf(term, vocab) };
  const isRegex = term.length > 2 && term.startsWith('/') && term.endsWith('/');
  const literal = isRegex ? null : literalSource(term);
  if (isRegex || literal !== null) {
    const source = literal ?? term.slice(1, -1);
    // Checked under 'u' (the stricter syntax) once, here; documents are scanned with the global form.
    new RegExp(source, 'iu');
    const leading = leadingWords(source);
    return leading ? { kind: 'regex-at', sticky: new RegExp(source, 'imy'), leading } : { kind: 'regex', re: new RegExp(source, 'gim') };
  }
  return { kind: 'words', words: wordsOf(term) };
}

// Mechanism components list the same wording as synonyms and as risk, and vocabularies repeat
// across concerns: each distinct term is compiled once per vocabulary set (a compiled term is stateless
// apart from a global regex's lastIndex, which matchRegex resets before each scan).
const COMPILED = new WeakMap<Vocabularies, Map<string, Compiled>>();
function compiledOnce(term: string, vocab: Vocabularies): Compiled {
  let byTerm = COMPILED.get(vocab);
  if (!byTerm) COMPILED.set(vocab, (byTerm = new Map()));
  let c = byTerm.get(term);
  if (!c) byTerm.set(term, (c = compileOne(term, vocab)));
  return c;
}

/**
 * Terms (with `@vocabulary` references) → one matcher whose results are memoised per document.
 * `acrossLines`: a phrase may run on from the end of a line to the start of the next line of its
 * paragraph, as hard-wrapped documents break it ("… FOR" / "UPDATE"). Only phrases of words (two or
 * more, in prose) wrap; regex, literal and sequence terms do not. The catalogue reads handling this
 * way, so a handled phrase broken at the margin still counts.
 */
export function compileTerms(terms: string[], vocab: Vocabularies, { acrossLines = false }: { acrossLines?: boolean } = {}): TermMatcher {
  const expanded = [...new Set(terms.flatMap((t) => expand(t, vocab)))];
  const compiled = expanded.map((t) => compiledOnce(t, vocab));
  const key = `${acrossLines ? 'w' : 't'}\u0000${expanded.join('\u0000')}`;
  return {
    key,
    terms: expanded.map((t) => spelled(t, vocab)),
    match(index: DocumentIndex): TermHit[] {
      const memo = index.memo.get(key) as TermHit[] | undefined;
      if (memo) return memo;
      const byLine = new Map<number, TermHit>();
      for (const [i, c] of compiled.entries()) {
        for (const hit of hitsOf(index, expanded[i]!, c, acrossLines)) {
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
