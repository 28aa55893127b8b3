import picomatch from 'picomatch';
import type { PlanDocument } from '../../../documents/schema.js';
import type { DraftFinding } from '../../../findings/schema.js';
import { detectTemplate } from './detect-template.js';
import { draftTemplateFindings } from './draft-template-findings.js';
import { findTemplateGaps } from './find-template-gaps.js';
import { normaliseHeading } from './normalise-heading.js';
import type { Template, TemplateRequirement, TemplateSection } from './schema.js';

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
    r.sections.map((name) => ({
      name,
      headings: [name],
      required: true,
      severity: 'important' as const,
      noneIsPlaceholder: false,
      why: `This repository's configuration requires a “${name}” section in documents under ${r.paths.join(', ')}.`,
    })),
  );
  const listed = [
    ...(template?.sections ?? []),
    ...extra.filter((e) => !template?.sections.some((s) => s.headings.some((h) => normaliseHeading(h) === normaliseHeading(e.name)))),
  ];
  const name = template?.name ?? 'document';
  const ruleId = `template.${template?.id ?? 'any'}`;
  const found = findTemplateGaps(doc, listed);
  return draftTemplateFindings(doc, name, ruleId, found);
}
