import type { Persona } from '../../personas/schema.js';

/** The persona as the review introduces it, so the model speaks in the same voice. */
export function reviewerBlock(persona: Persona): string {
  return [`<reviewer id="${persona.id}">`, `You are ${persona.name}. Focus: ${persona.focus}`, '', persona.prompt.trim(), '</reviewer>'].join('\n');
}
