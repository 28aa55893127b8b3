import type { DraftFinding } from '../findings/schema.js';
import type { Persona } from '../personas/schema.js';

/**
 * Checklist concerns speak for the personas the catalogue names even when the document did not
 * engage them by trigger words; those personas join the panel, unless the caller disabled them or
 * asked for `only` some.
 */
export function creditFindings(
  findings: DraftFinding[],
  options: { personas: Persona[]; only?: string[]; disabled?: string[] },
  consulted: Map<string, string>,
): DraftFinding[] {
  const disabled = new Set(options.disabled ?? []);
  const only = options.only && options.only.length > 0 ? new Set(options.only) : null;
  const allowed = (id: string): boolean => !disabled.has(id) && (only === null || only.has(id));
  const out: DraftFinding[] = [];
  for (const f of findings) {
    const personas = f.personas.filter(allowed);
    if (personas.length === 0) continue;
    for (const id of personas) {
      if (!consulted.has(id)) consulted.set(id, options.personas.find((p) => p.id === id)?.name ?? id);
    }
    out.push(personas.length === f.personas.length ? f : { ...f, personas });
  }
  return out;
}
