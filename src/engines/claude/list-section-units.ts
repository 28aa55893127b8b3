import { createHash } from 'node:crypto';
import type { PlanDocument } from '../../documents/schema.js';

/** The text under one heading, up to the next heading of any level (or the text before the first). */
export interface SectionUnit {
  startLine: number;
  endLine: number;
  /** Heading path ("Design › Rollout"); null for the text before the first heading. */
  label: string | null;
  /** sha256 of the unit's lines: the same text anywhere in any revision hashes alike. */
  textHash: string;
}

export interface SectionUnits {
  units: SectionUnit[];
  /** sha256 of the heading paths in order, without line numbers: edits inside sections keep it. */
  outlineHash: string;
}

/**
 * A document cut at every heading: the smallest pieces a revision can change and a review can be
 * remembered for. Innermost sections rather than top-level ones, because one top-level section of
 * a KEP can be a thousand lines; a unit is what one edit usually touches.
 */
export function listSectionUnits(doc: PlanDocument): SectionUnits {
  const total = Math.max(doc.lines.length, 1);
  const headings = [...new Set(doc.sections.map((s) => s.headingLine))].sort((a, b) => a - b);
  const starts = headings[0] === 1 ? headings : [1, ...headings];
  const units = starts.map((start, i): SectionUnit => {
    const endLine = Math.max(start, (starts[i + 1] ?? total + 1) - 1);
    const section = doc.sections.filter((s) => s.headingLine === start).sort((a, b) => b.depth - a.depth)[0];
    return { startLine: start, endLine, label: section ? section.path.join(' › ') : null, textHash: hash(doc.lines.slice(start - 1, endLine).join('\n')) };
  });
  return { units, outlineHash: hash(doc.sections.map((s) => `${s.depth} ${s.path.join(' › ')}`).join('\n')) };
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
