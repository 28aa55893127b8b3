import type { Vocabularies } from './schema.js';

/**
 * Which shared word lists a single word belongs to: "retried" is @retry, "indefinitely" is
 * @like-forever. Comparing lines with concerns by these lists as well as by spelling lets a plan
 * say a risk in words the concern never used.
 */
export interface Concepts {
  of(word: string): readonly string[];
}

/**
 * The concepts of a catalogue's `like-*` vocabularies. Only one-word terms take part (`retain*` as a prefix,
 * `retries` as written, a plural `s` allowed); phrases and regular expressions say too much or too
 * little about a single word.
 */
export function makeConcepts(vocabularies: Vocabularies): Concepts {
  const exact = new Map<string, string[]>();
  // Prefixes by their first three letters (every prefix is longer), so a word meets only its own.
  const prefixes = new Map<string, Array<[string, string]>>();
  for (const [name, terms] of Object.entries(vocabularies)) {
    // Only the lists of like words: the topic lists (@monitoring has "dashboard" and "p95") made
    // unrelated lines look alike and placed fewer items on the blind sets.
    if (!name.startsWith('like-')) continue;
    for (const term of terms) {
      if (term.startsWith('/') || term.startsWith('@') || /[\s\-_.]/.test(term)) continue;
      const lower = term.toLowerCase();
      if (lower.endsWith('*')) {
        if (lower.length > 4) {
          const prefix = lower.slice(0, -1);
          const head = prefix.slice(0, 3);
          prefixes.set(head, [...(prefixes.get(head) ?? []), [prefix, name]]);
        }
      } else if (lower.length >= 3) {
        exact.set(lower, [...(exact.get(lower) ?? []), name]);
      }
    }
  }
  // Every word asked about, with or without concepts: it lives as long as the catalogue, and the
  // distinct words of all documents a process reviews stay in the tens of thousands.
  const memo = new Map<string, readonly string[]>();
  return {
    of(word: string): readonly string[] {
      const known = memo.get(word);
      if (known) return known;
      const found = new Set([...(exact.get(word) ?? []), ...(word.endsWith('s') ? (exact.get(word.slice(0, -1)) ?? []) : [])]);
      for (const [prefix, name] of prefixes.get(word.slice(0, 3)) ?? []) if (word.startsWith(prefix)) found.add(name);
      const out = [...found].sort();
      memo.set(word, out);
      return out;
    },
  };
}
