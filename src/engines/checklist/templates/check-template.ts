import picomatch from 'picomatch';
import type { PlanDocument, Section } from '../../../documents/schema.js';
import { documentAnchor, lineAnchor } from '../../../findings/make-anchor.js';
import { type DraftFinding, RECOMMENDATION_FOR, SEVERITY_RANK, type Severity } from '../../../findings/schema.js';
import type { Template, TemplateRequirement, TemplateSection } from './schema.js';

/** Heading text as templates name it: no numbering, case, punctuation or "(optional)". */
const normalised = new Map<string, string>();

function normaliseHeading(text: string): string {
  let n = normalised.get(text);
  if (n === undefined) {
    n = normalise(text);
    if (normalised.size < 50_000) normalised.set(text, n);
  }
  return n;
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/\(optional\)/g, ' ')
    .replace(/^[\s\d.)]+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// A line that stands for text nobody wrote yet.
const PLACEHOLDER = /^\s*(?:[-*]\s*)?(?:\*\*|_)?\s*(?:tbd|tba|todo|to ?do|fixme|xxx|to be (?:determined|decided|defined|written|added|filled(?: in)?)|coming soon|fill (?:this |me )?in|\.\.\.|…|lorem ipsum\b.*|\[(?:describe|insert|add|explain|todo|tbd)[^\]]*\]|<(?:describe|insert|add|explain)[^>]*>)(?:\s*[:.!-].{0,60})?\s*(?:\*\*|_)?\s*$/iu;
const NONE = /^\s*(?:[-*]\s*)?(?:none|n\/?a|nothing|no drawbacks|no alternatives(?: considered)?)\s*[.!]?\s*$/iu;

function ownBody(doc: PlanDocument, section: Section): string[] {
  const next = doc.sections.filter((s) => s.headingLine > section.headingLine).map((s) => s.headingLine);
  const end = Math.min(section.endLine, ...(next.length > 0 ? [Math.min(...next) - 1] : []));
  const out: string[] = [];
  for (let l = section.headingLine + 1; l <= end; l++) {
    if (doc.hiddenLines.has(l)) continue;
    const text = doc.lines[l - 1] ?? '';
    if (text.trim() !== '') out.push(text);
  }
  return out;
}

function hasSubsections(doc: PlanDocument, section: Section): boolean {
  return doc.sections.some((s) => s.headingLine > section.headingLine && s.headingLine <= section.endLine && s.depth > section.depth);
}

/** Why a present section still reads as unwritten, or null when it has content. */
function placeholderKind(doc: PlanDocument, section: Section, spec: TemplateSection): string | null {
  const body = ownBody(doc, section);
  if (body.length === 0) return hasSubsections(doc, section) ? null : 'is empty (only the heading, or the template’s instructions)';
  if (body.every((l) => PLACEHOLDER.test(l))) return `is still a placeholder (“${body[0]!.trim().slice(0, 40)}”)`;
  if (spec.noneIsPlaceholder && body.length === 1 && NONE.test(body[0]!)) return `says only “${body[0]!.trim()}”`;
  return null;
}

/** "Design overview" is a Design section and "Goals and non-goals" a Goals one; "Non-goals" is not Goals. */
function sameHeading(title: string, name: string): boolean {
  const t = normaliseHeading(title);
  const n = normaliseHeading(name);
  return t === n || t.startsWith(`${n} `);
}

export function detectTemplate(doc: PlanDocument, templates: Template[]): Template | null {
  for (const t of templates) {
    const seen = t.detect.headings.filter((h) => doc.sections.some((s) => sameHeading(s.title, h))).length;
    if (seen >= t.detect.minMatches) return t;
  }
  return null;
}

interface Gap {
  section: TemplateSection;
  heading: Section | null;
  problem: string;
}

function gaps(doc: PlanDocument, sections: TemplateSection[]): Gap[] {
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

const slug = (s: string): string => normaliseHeading(s).replace(/\s+/g, '-');

function toDraft(doc: PlanDocument, templateName: string, ruleId: string, gap: Gap, severity: Severity): DraftFinding {
  const where = gap.heading ? lineAnchor(doc, gap.heading.headingLine) : documentAnchor(doc);
  const missing = gap.heading === null;
  return {
    engine: 'checklist',
    concern: `template.${missing ? 'missing' : 'placeholder'}.${slug(gap.section.name)}`,
    ruleId,
    personas: ['staff-engineer'],
    severity,
    title: missing ? `The ${templateName} has no “${gap.section.name}” section` : `“${gap.section.name}” ${gap.problem}`,
    body: `${gap.section.why}\n\n${missing ? `Add a “${gap.section.name}” section` : `Write the “${gap.section.name}” section`} before the document is approved; if it truly does not apply, say why in a sentence, so reviewers can tell a decision from an omission.`,
    recommendation: RECOMMENDATION_FOR[severity],
    suggestion: null,
    anchor: where,
  };
}

/**
 * The template the document follows (a repository's `templates:` first, else the one its headings
 * show), and the required sections it misses or left as placeholders (TBD, TODO, the template's
 * instructions, "None." where the template asks for drawbacks or alternatives).
 */
export function checkTemplate(doc: PlanDocument, templates: Template[], requirements: TemplateRequirement[] = []): DraftFinding[] {
  const required = requirements.filter((r) => r.paths.some((g) => picomatch(g, { dot: true })(doc.path)));
  const forced = required.map((r) => r.template).find((t): t is string => t !== undefined);
  const template = (forced ? templates.find((t) => t.id === forced) : undefined) ?? detectTemplate(doc, templates);
  const extra: TemplateSection[] = required.flatMap((r) =>
    r.sections.map((name) => ({ name, headings: [name], required: true, severity: 'important' as const, noneIsPlaceholder: false, why: `This repository's configuration requires a “${name}” section in documents under ${r.paths.join(', ')}.` })),
  );
  const listed = [...(template?.sections ?? []), ...extra.filter((e) => !template?.sections.some((s) => s.headings.some((h) => normaliseHeading(h) === normaliseHeading(e.name))))];
  const name = template?.name ?? 'document';
  const ruleId = `template.${template?.id ?? 'any'}`;
  const found = gaps(doc, listed);
  // Any other section left as "TBD"/"TODO", whatever the template: an unwritten part of the plan.
  const covered = new Set(found.map((g) => g.heading?.headingLine));
  for (const s of doc.sections) {
    if (covered.has(s.headingLine) || listed.some((l) => l.headings.some((h) => sameHeading(s.title, h)))) continue;
    const body = ownBody(doc, s);
    if (body.length > 0 && body.every((l) => PLACEHOLDER.test(l))) {
      const spec: TemplateSection = { name: s.title.trim(), headings: [s.title], required: false, severity: 'important', noneIsPlaceholder: false, why: `The section “${s.title.trim()}” has a heading but no content yet, so the part of the design it stands for cannot be reviewed.` };
      found.push({ section: spec, heading: s, problem: `is still a placeholder (“${body[0]!.trim().slice(0, 40)}”)` });
    }
  }
  // Missing sections are one finding (one thing to do: fill in the template), unwritten ones each sit on their heading.
  const missing = found.filter((g) => g.heading === null);
  const drafts = found.filter((g) => g.heading !== null).map((g) => toDraft(doc, name, ruleId, g, g.section.severity));
  if (missing.length === 1) drafts.unshift(toDraft(doc, name, ruleId, missing[0]!, missing[0]!.section.severity));
  if (missing.length > 1) drafts.unshift(missingDraft(doc, name, ruleId, missing));
  return drafts;
}

function missingDraft(doc: PlanDocument, templateName: string, ruleId: string, missing: Gap[]): DraftFinding {
  const severity = missing.map((g) => g.section.severity).sort((a, b) => SEVERITY_RANK[a] - SEVERITY_RANK[b])[0]!;
  const names = missing.map((g) => `“${g.section.name}”`);
  return {
    engine: 'checklist',
    concern: 'template.missing-sections',
    ruleId,
    personas: ['staff-engineer'],
    severity,
    title: `The ${templateName} has no ${names.slice(0, -1).join(', ')} or ${names.at(-1)} section`,
    body: `${missing.map((g) => `${g.section.name}: ${g.section.why}`).join('\n')}\n\nAdd these sections before the document is approved; where one truly does not apply, say why in a sentence, so reviewers can tell a decision from an omission.`,
    recommendation: RECOMMENDATION_FOR[severity],
    suggestion: null,
    anchor: documentAnchor(doc),
  };
}
