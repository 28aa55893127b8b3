import type { PlanDocument } from '../../../documents/schema.js';
import { indexDocument } from './index-document.js';
import type { Catalogue } from './load-catalogue.js';
import { runConcern } from './run-catalogue.js';

export interface OpenConcern {
  id: string;
  personas: string[];
  component: string;
  severity: string;
  title: string;
}

/**
 * The catalogue's concerns that apply to this document and that it does not handle yet, for the
 * personas given (all when none): what the offline engine would raise, offered to a model reviewer
 * as a checklist to consider rather than findings to copy.
 */
export function listOpenConcerns(doc: PlanDocument, catalogue: Catalogue, personaIds: string[] = [], limit = 25): OpenConcern[] {
  const index = indexDocument(doc);
  const wanted = new Set(personaIds);
  const out: OpenConcern[] = [];
  for (const c of catalogue.concerns.values()) {
    if (wanted.size > 0 && !c.concern.personas.some((p) => wanted.has(p))) continue;
    const hit = runConcern(index, c);
    if (!hit) continue;
    out.push({ id: c.id, personas: c.concern.personas, component: hit.component, severity: c.concern.severity, title: c.concern.title.replace(/\{component\}/g, hit.component).replace(/\{match\}/g, hit.match) });
  }
  const rank: Record<string, number> = { critical: 0, important: 1, 'nice-to-have': 2 };
  return out.sort((a, b) => rank[a.severity]! - rank[b.severity]! || a.id.localeCompare(b.id)).slice(0, limit);
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
