import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes');

export const TemplateSectionSchema = z.strictObject({
  /** How the finding names the section. */
  name: z.string().min(2),
  /** Heading texts that count as this section (compared without case, punctuation or "(optional)"). */
  headings: z.array(z.string().min(2)).min(1),
  /** A missing required section is a finding; an optional one only when present and left as a placeholder. */
  required: z.boolean().default(true),
  /** Never critical: an unwritten section is a gap in the document, not a failure of the design. */
  severity: z.enum(['important', 'nice-to-have']).default('important'),
  /** "None." is an answer for most sections, but not where the template asks for costs or options. */
  noneIsPlaceholder: z.boolean().default(false),
  /** Why a reviewer needs this section, for the finding's body. */
  why: z.string().min(10),
});
export type TemplateSection = z.infer<typeof TemplateSectionSchema>;

/** `reviewers/templates/<id>.yaml`: a document template a plan can follow, and how to recognise it. */
export const TemplateSchema = z.strictObject({
  id,
  name: z.string().min(3),
  source: z.string().min(5),
  /** A document follows the template when at least `minMatches` of these headings appear. */
  detect: z.strictObject({ headings: z.array(z.string().min(2)).min(1), minMatches: z.number().int().min(1) }),
  /** Checked in this order; a more specific template wins over a generic one. */
  priority: z.number().int().default(0),
  sections: z.array(TemplateSectionSchema).min(1),
});
export type Template = z.infer<typeof TemplateSchema>;

/** `templates:` in .github/rfc-panel.yml: documents under these globs must follow a template or carry these sections. */
export const TemplateRequirementSchema = z
  .strictObject({
    paths: z.array(z.string().min(1)).min(1),
    /** A built-in template id (kep, rust-rfc, adr-madr, adr-nygard, design-doc). */
    template: id.optional(),
    /** Extra required sections, by heading. */
    sections: z.array(z.string().min(2)).default([]),
  })
  .refine((t) => t.template !== undefined || t.sections.length > 0, 'give a `template` id, `sections`, or both');
export type TemplateRequirement = z.infer<typeof TemplateRequirementSchema>;
