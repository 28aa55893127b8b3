import type { PlanDocument, Section } from '../../../documents/schema.js';
import { readOwnBody } from './read-own-body.js';
import { sameHeading } from './same-heading.js';
import type { TemplateSection } from './schema.js';

// A line that stands for text nobody wrote yet.
const PLACEHOLDER =
  /^\s*(?:[-*]\s*)?(?:\*\*|_)?\s*(?:tbd|tba|todo|to ?do|fixme|xxx|to be (?:determined|decided|defined|written|added|filled(?: in)?)|coming soon|fill (?:this |me )?in|\.\.\.|…|lorem ipsum\b.*|\[(?:describe|insert|add|explain|todo|tbd)[^\]]*\]|<(?:describe|insert|add|explain)[^>]*>)(?:\s*[:.!-].{0,60})?\s*(?:\*\*|_)?\s*$/iu;
const NONE = /^\s*(?:[-*]\s*)?(?:none|n\/?a|nothing|no drawbacks|no alternatives(?: considered)?)\s*[.!]?\s*$/iu;

export interface Gap {
  section: TemplateSection;
  heading: Section | null;
  problem: string;
}

function hasSubsections(doc: PlanDocument, section: Section): boolean {
  return doc.sections.some((s) => s.headingLine > section.headingLine && s.headingLine <= section.endLine && s.depth > section.depth);
}

/** Why a present section still reads as unwritten, or null when it has content. */
function placeholderKind(doc: PlanDocument, section: Section, spec: TemplateSection): string | null {
  const body = readOwnBody(doc, section);
  if (body.length === 0) return hasSubsections(doc, section) ? null : 'is empty (only the heading, or the template’s instructions)';
  if (body.every((l) => PLACEHOLDER.test(l))) return `is still a placeholder (“${body[0]!.trim().slice(0, 40)}”)`;
  if (spec.noneIsPlaceholder && body.length === 1 && NONE.test(body[0]!)) return `says only “${body[0]!.trim()}”`;
  return null;
}

/**
 * The listed sections that are missing or unwritten, then any other section left as a placeholder.
 */
export function findTemplateGaps(doc: PlanDocument, listed: TemplateSection[]): Gap[] {
  const found = listedGaps(doc, listed);
  // Any other section left as "TBD"/"TODO", whatever the template: an unwritten part of the plan.
  const covered = new Set(found.map((g) => g.heading?.headingLine));
  for (const s of doc.sections) {
    if (covered.has(s.headingLine) || listed.some((l) => l.headings.some((h) => sameHeading(s.title, h)))) continue;
    const body = readOwnBody(doc, s);
    if (body.length > 0 && body.every((l) => PLACEHOLDER.test(l))) {
      const spec: TemplateSection = {
        name: s.title.trim(),
        headings: [s.title],
        required: false,
        severity: 'important',
        noneIsPlaceholder: false,
        why: `The section “${s.title.trim()}” has a heading but no content yet, so the part of the design it stands for cannot be reviewed.`,
      };
      found.push({ section: spec, heading: s, problem: `is still a placeholder (“${body[0]!.trim().slice(0, 40)}”)` });
    }
  }
  return found;
}

function listedGaps(doc: PlanDocument, sections: TemplateSection[]): Gap[] {
  const out: Gap[] = [];
  for (const spec of sections) {
    const found = doc.sections.filter((s) => spec.headings.some((h) => sameHeading(s.title, h)));
    if (found.length === 0) {
      if (spec.required) out.push({ section: spec, heading: null, problem: 'is missing' });
      continue;
    }
    // The first unwritten occurrence (KEPs repeat some headings, e.g. per graduation stage).
    for (const heading of found) {
      const kind = placeholderKind(doc, heading, spec);
      if (kind) {
        out.push({ section: spec, heading, problem: kind });
        break;
      }
    }
  }
  return out;
}
