import type { PlanDocument } from '../documents/schema.js';
import type { Persona } from '../personas/schema.js';

export interface Selection {
  persona: Persona;
  /** The trigger terms the document mentions (empty for always-on personas). */
  matched: string[];
}

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
    const text = doc.lines.filter((_, i) => !doc.hiddenLines.has(i + 1)).join('\n').toLowerCase();
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

/**
 * The panel for one document: always-on personas, plus each persona whose triggers the document
 * mentions often enough. `only` (a CLI or config list) forces the set regardless of relevance.
 */
export function selectPersonas(doc: PlanDocument, personas: Persona[], options: { only?: string[]; disabled?: string[] } = {}): Selection[] {
  const disabled = new Set(options.disabled ?? []);
  if (options.only && options.only.length > 0) {
    return options.only
      .map((id) => personas.find((p) => p.id === id))
      .filter((p): p is Persona => p !== undefined && !disabled.has(p.id))
      .map((persona) => ({ persona, matched: matchedTriggers(doc, persona) }));
  }
  return personas
    .filter((p) => !disabled.has(p.id))
    .map((persona) => ({ persona, matched: matchedTriggers(doc, persona) }))
    .filter(({ persona, matched }) => persona.engage.always || matched.length >= persona.engage.minMatches);
}
