import type { PlanDocument } from '../documents/schema.js';
import { matchedTriggers } from '../personas/matched-triggers.js';
import type { Persona } from '../personas/schema.js';

export interface Selection {
  persona: Persona;
  /** The trigger terms the document mentions (empty for always-on personas). */
  matched: string[];
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
