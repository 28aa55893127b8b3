import type { PlanDocument } from '../documents/schema.js';
import type { Persona } from '../personas/schema.js';

export interface Selection {
  persona: Persona;
  /** The trigger terms the document mentions (empty for always-on personas). */
  matched: string[];
}

function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Triggers match whole words (a plural "s"/"es" allowed), case-insensitively, in visible text —
 * code included: a ```sql block is a schema. Whole words, because prefixes misfire: "HTTP" is not
 * "https", "REST" is not "rest".
 */
export function matchedTriggers(doc: PlanDocument, persona: Persona): string[] {
  const text = doc.lines.filter((_, i) => !doc.hiddenLines.has(i + 1)).join('\n');
  return persona.engage.triggers.filter((term) => {
    const tail = /[\p{L}\p{N}]$/u.test(term) ? '(?:s|es)?(?![\\p{L}\\p{N}])' : '';
    return new RegExp(`(?<![\\p{L}\\p{N}])${escape(term)}${tail}`, 'iu').test(text);
  });
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
