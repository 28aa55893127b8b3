import type { PlanDocument } from '../../documents/schema.js';
import type { Persona } from '../../personas/schema.js';
import type { SectionUnit } from './list-section-units.js';
import { scoreRelevance } from './score-relevance.js';

/** Personas called per changed section when several match it equally well. */
const MAX_OWNERS = 2;

/**
 * Who reads each changed section, by persona id: the persona(s) whose focus it concerns most, else
 * the first always-on persona, so no change goes unreviewed.
 */
export function assignSectionOwners(doc: PlanDocument, personas: Persona[], changedUnits: SectionUnit[]): Map<string, SectionUnit[]> {
  const owned = new Map<string, SectionUnit[]>();
  for (const unit of changedUnits) {
    const scored = personas.map((p) => ({ p, score: scoreRelevance(doc, unit, p) })).filter((x) => x.score > 0);
    const best = Math.max(0, ...scored.map((x) => x.score));
    const owners =
      best > 0
        ? scored
            .filter((x) => x.score === best)
            .slice(0, MAX_OWNERS)
            .map((x) => x.p)
        : [personas.find((p) => p.engage.always) ?? personas[0]].filter((p): p is Persona => p !== undefined);
    for (const p of owners) owned.set(p.id, [...(owned.get(p.id) ?? []), unit]);
  }
  return owned;
}
