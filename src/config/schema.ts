import { z } from 'zod';
import { TemplateRequirementSchema } from '../engines/checklist/templates/schema.js';

/** Where plans, RFCs and specs usually live; a repository narrows or widens this with `paths`. */
export const DEFAULT_PATHS = [
  'docs/rfcs/**/*.md',
  'docs/rfc/**/*.md',
  'rfcs/**/*.md',
  'rfc/**/*.md',
  'docs/design/**/*.md',
  'design/**/*.md',
  'docs/designs/**/*.md',
  'specs/**/*.md',
  'spec/**/*.md',
  'docs/specs/**/*.md',
  'plans/**/*.md',
  'docs/plans/**/*.md',
  'adr/**/*.md',
  'docs/adr/**/*.md',
  'docs/architecture/decisions/**/*.md',
  'proposals/**/*.md',
  'docs/proposals/**/*.md',
  'keps/**/*.md',
  '**/*RFC*.md',
  '**/*SPEC*.md',
  '**/*PLAN*.md',
  '**/*RESPONSE*.md',
  '**/*-rfc.md',
  '**/*-design.md',
];

/**
 * Glob patterns compile to regular expressions that backtrack: `**\/*a*a*a*a*a*a*a*a*.md` took
 * seconds per file name on the loop answering webhooks. A pattern's cost grows with the wildcards
 * in one path segment, so those are capped (with file names capped at 255 characters per segment
 * where they are matched, 3 wildcards cost about a millisecond per name).
 */
export const MAX_SEGMENT_WILDCARDS = 3;
const glob = z
  .string()
  .min(1)
  .max(256)
  .refine((pattern) => pattern.split('/').every((segment) => segment === '**' || (segment.match(/\*+/g) ?? []).length <= MAX_SEGMENT_WILDCARDS), {
    message: `at most ${MAX_SEGMENT_WILDCARDS} * wildcards in one path segment (matching more costs seconds per file name)`,
  })
  .refine((pattern) => (pattern.match(/[{]/g) ?? []).length <= 4, { message: 'at most 4 {…} groups in a pattern' });
const severityCap = z.number().int().min(0).max(100);
/** Findings listed per severity in one review when the config names no `caps`; the rest are counted, not listed. */
export const DEFAULT_CAPS = { critical: 25, important: 40, 'nice-to-have': 20 } as const;

/** `.github/rfc-panel.yml`. Unknown keys are errors: a typo must not silently fall back to a default. */
export const ConfigSchema = z.strictObject({
  paths: z.array(glob).min(1).default(DEFAULT_PATHS),
  ignore: z.array(glob).default([]),
  reviewers: z
    .strictObject({
      /** Only these personas (ids); empty = every relevant persona. */
      enable: z.array(z.string()).default([]),
      disable: z.array(z.string()).default([]),
      /** A folder in the repository (default branch) with extra or overriding persona files. */
      folder: z.string().min(1).nullable().default(null),
    })
    .prefault({}),
  /** `auto`: Claude when ANTHROPIC_API_KEY is set, the offline checklist otherwise. */
  engine: z.enum(['auto', 'checklist', 'claude', 'both']).default('auto'),
  model: z.string().min(1).nullable().default(null),
  caps: z
    .strictObject({
      critical: severityCap.default(DEFAULT_CAPS.critical),
      important: severityCap.default(DEFAULT_CAPS.important),
      'nice-to-have': severityCap.default(DEFAULT_CAPS['nice-to-have']),
    })
    .prefault({}),
  /** The check run fails while findings at or above this severity are open. */
  gate: z.enum(['critical', 'important', 'none']).default('critical'),
  /** `request-changes` asks for changes while Critical findings are open; the app never approves. */
  reviewEvent: z.enum(['comment', 'request-changes']).default('comment'),
  drafts: z.boolean().default(false),
  /** Who may accept a Critical finding as a risk: the PR author too, or only users with write access. */
  acceptCritical: z.enum(['author-or-writer', 'writer']).default('writer'),
  /** Documents under these globs must follow a template (kep, rust-rfc, adr-madr, adr-nygard, design-doc) or carry these sections. */
  templates: z.array(TemplateRequirementSchema).default([]),
  budgets: z
    .strictObject({
      maxTokensPerReview: z.number().int().positive().default(400_000),
      maxDocumentBytes: z
        .number()
        .int()
        .positive()
        .max(5 * 1024 * 1024)
        .default(1024 * 1024),
      maxFiles: z.number().int().positive().max(3000).default(3000),
    })
    .prefault({}),
});
export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
