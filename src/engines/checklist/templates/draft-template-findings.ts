import type { PlanDocument } from '../../../documents/schema.js';
import { documentAnchor, lineAnchor } from '../../../findings/make-anchor.js';
import { type DraftFinding, RECOMMENDATION_FOR, SEVERITY_RANK, type Severity } from '../../../findings/schema.js';
import type { Gap } from './find-template-gaps.js';
import { normaliseHeading } from './normalise-heading.js';

/** The gaps as findings for the document following `templateName`. */
export function draftTemplateFindings(doc: PlanDocument, templateName: string, ruleId: string, found: Gap[]): DraftFinding[] {
  // Missing sections are one finding (one thing to do: fill in the template), unwritten ones each sit on their heading.
  const missing = found.filter((g) => g.heading === null);
  const drafts = found.filter((g) => g.heading !== null).map((g) => toDraft(doc, templateName, ruleId, g, g.section.severity));
  if (missing.length === 1) drafts.unshift(toDraft(doc, templateName, ruleId, missing[0]!, missing[0]!.section.severity));
  if (missing.length > 1) drafts.unshift(missingDraft(doc, templateName, ruleId, missing));
  return drafts;
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
