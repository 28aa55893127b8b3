import type { CompiledConcern } from './load-catalogue.js';

/**
 * Whether a concern's `handled` words count only in the section of its finding (see
 * ConcernSchema.handledScope). Left unset, a line concern with `risk` wording looks in its
 * section: the mitigation of a stated decision is written next to it. Criticals and gap concerns
 * (anchored to a section or the document) look anywhere, because a dedicated "Security" or
 * "Failure modes" section is where plans answer them, and a Critical on a sound plan costs more
 * than one missed.
 */
export function handledInSection(c: CompiledConcern): boolean {
  const scope = c.concern.handledScope ?? (c.risk && c.concern.severity !== 'critical' && c.concern.anchor === 'line' ? 'section' : 'document');
  return scope === 'section';
}
