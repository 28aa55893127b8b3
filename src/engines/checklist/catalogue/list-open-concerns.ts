import type { PlanDocument } from '../../../documents/schema.js';
import { SEVERITY_RANK, type Severity } from '../../../findings/schema.js';
import { concernDraft } from '../create-checklist-engine.js';
import { indexOf } from './index-document.js';
import type { Catalogue } from './load-catalogue.js';
import { runConcern } from './run-concern.js';

export interface OpenConcern {
  id: string;
  personas: string[];
  component: string;
  severity: Severity;
  title: string;
}

/**
 * The catalogue's concerns that apply to this document and that it does not handle yet, for the
 * personas given (all when none): what the offline engine would raise, offered to a model reviewer
 * as a checklist to consider rather than findings to copy.
 */
export function listOpenConcerns(doc: PlanDocument, catalogue: Catalogue, personaIds: string[] = [], limit = 25): OpenConcern[] {
  const index = indexOf(doc);
  const wanted = new Set(personaIds);
  const out: OpenConcern[] = [];
  for (const c of catalogue.concerns.values()) {
    if (wanted.size > 0 && !c.concern.personas.some((p) => wanted.has(p))) continue;
    const hit = runConcern(index, c);
    // An inferred hit is a guess about one line, not a concern the document plainly raises.
    if (!hit || hit.inferred !== undefined) continue;
    out.push({
      id: c.id,
      personas: c.concern.personas,
      component: hit.component,
      severity: c.concern.severity,
      title: concernDraft(c, hit, c.concern.personas).title,
    });
  }
  return out.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.id.localeCompare(b.id)).slice(0, limit);
}

/** The checklist as a block of the persona's turn (after the cached prefix, so the prefix stays byte-identical). */
export function renderOpenConcerns(concerns: OpenConcern[]): string {
  if (concerns.length === 0) return '';
  return [
    '<checklist>',
    'Common failure modes for the components this document uses, which the text does not appear to address yet.',
    'Consider each from your point of view; raise it only if it really applies to this design, in your own words, on the line that causes it.',
    ...concerns.map((c) => `- [${c.severity}] ${c.component}: ${c.title}`),
    '</checklist>',
  ].join('\n');
}
