import type { PlanDocument } from '../documents/schema.js';
import type { Persona } from './schema.js';

/**
 * Triggers match whole words (a plural "s"/"es" allowed), case-insensitively, in visible text —
 * code included: a ```sql block is a schema. Whole words, because prefixes misfire: "HTTP" is not
 * "https", "REST" is not "rest".
 */
export function matchedTriggers(doc: PlanDocument, persona: Persona): string[] {
  const { text, words } = visibleText(doc);
  return persona.engage.triggers.filter((term) => {
    const t = term.toLowerCase();
    // A term that is one word is a set lookup; scanning every occurrence of a common term in a large
    // plan (10,000 SQL statements) took ~200 ms per review on the webhook loop.
    if (SINGLE_WORD.test(t)) return words.has(t) || words.has(`${t}s`) || words.has(`${t}es`);
    return containsWord(text, t);
  });
}

const SINGLE_WORD = /^[\p{L}\p{N}]+$/u;

/** The visible text, lower-cased, and its words: computed once per document, not once per persona. */
const visible = new WeakMap<PlanDocument, { text: string; words: Set<string> }>();
function visibleText(doc: PlanDocument): { text: string; words: Set<string> } {
  let known = visible.get(doc);
  if (!known) {
    const text = doc.lines
      .filter((_, i) => !doc.hiddenLines.has(i + 1))
      .join('\n')
      .toLowerCase();
    known = { text, words: new Set(text.split(/[^\p{L}\p{N}]+/u)) };
    visible.set(doc, known);
  }
  return known;
}

// One small pattern compiled once: a regular expression per trigger with \p{L} and the `i` flag
// costs milliseconds each to compile, which blocked the webhook loop on the first reviews.
const WORD_CHAR = /[\p{L}\p{N}]/u;
const isWord = (c: string | undefined): boolean => c !== undefined && c !== '' && WORD_CHAR.test(c);

function containsWord(text: string, term: string): boolean {
  if (term.length === 0) return false;
  const wordEnd = isWord(term[term.length - 1]);
  for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) {
    if (isWord(term[0]) && isWord(text[at - 1])) continue;
    if (!wordEnd) return true;
    const end = at + term.length;
    if (!isWord(text[end])) return true;
    if (text[end] === 's' && !isWord(text[end + 1])) return true;
    if (text.startsWith('es', end) && !isWord(text[end + 2])) return true;
  }
  return false;
}
