import { z } from 'zod';
import { RecommendationSchema, SeveritySchema } from '../../findings/schema.js';

const pattern = z.string().min(1).refine((p) => {
  try {
    new RegExp(p, 'iu');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

/** A document that must raise the rule (at `line`, when the rule anchors on a line) and one that must not. */
const FixtureSchema = z.strictObject({
  fires: z.strictObject({ doc: z.string().min(1), line: z.number().int().positive().nullable().default(null) }),
  passes: z.string().min(1),
});

const common = {
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  severity: SeveritySchema,
  recommendation: RecommendationSchema,
  /** Short; `{match}` is replaced by the text that triggered the rule. */
  title: z.string().min(1),
  /** Why it matters and what to add; `{match}` as in the title. */
  body: z.string().min(1),
  /** Findings with the same concern on the same lines merge across personas. Defaults to the id. */
  concern: z.string().optional(),
  fixture: FixtureSchema,
};

/**
 * A topic rule: the document talks about X (`when`, `trigger`) but never about what makes X safe
 * (`unless`). Patterns are case-insensitive regular expressions (Unicode mode) matched line by
 * line on prose: code blocks and HTML comments are skipped unless `inCode` is set. Mitigations
 * (`unless`) are searched in prose and code alike.
 *
 * `{match}` in the title and body is the text the trigger matched: the named group `match` when
 * the pattern has one (`add (?<match>Redis)` → "Redis"), else the whole match.
 */
export const TopicRuleSchema = z.strictObject({
  ...common,
  kind: z.literal('topic'),
  /** Every pattern must match somewhere in the document's prose for the rule to apply at all. */
  when: z.array(pattern).default([]),
  /** The first line matching any of these anchors the finding; none → the rule does not fire. */
  trigger: z.array(pattern).default([]),
  /** A line matching any of these is never a trigger ("refresh token valid for 7 days" is not a long-lived access token). */
  exclude: z.array(pattern).default([]),
  /** How many distinct trigger lines the document needs before the rule fires (a passing mention is not a design). */
  minTriggers: z.number().int().min(1).default(1),
  /** Any match within `unlessScope` (prose or code, never HTML comments) means the concern is handled. */
  unless: z.array(pattern).min(1),
  /** Where `unless` is looked for: the whole document, the trigger's section, or `near` lines either side of the trigger line. */
  unlessScope: z.enum(['document', 'section', 'near']).default('document'),
  near: z.number().int().min(0).default(3),
  /**
   * `trigger`: on the first unhandled trigger line; `section`: the first section whose heading matches
   * `heading`, else the trigger's section, else the document; `document`: the document. Gap anchors
   * still take `{match}` from the first unhandled trigger, when the rule has triggers.
   */
  anchor: z.enum(['trigger', 'section', 'document']).default('trigger'),
  heading: pattern.optional(),
  /** One finding per distinct trigger text (each new dependency), instead of one for the first. */
  perMatch: z.boolean().default(false),
  inCode: z.boolean().default(false),
});
export type TopicRule = z.infer<typeof TopicRuleSchema>;

/** A SQL rule: metadata here, the check itself in engines/checklist/sql/rules (keyed by id). */
export const SqlRuleSchema = z.strictObject({ ...common, kind: z.literal('sql') });
export type SqlRule = z.infer<typeof SqlRuleSchema>;

export const RuleSchema = z.discriminatedUnion('kind', [TopicRuleSchema, SqlRuleSchema]);
export type Rule = z.infer<typeof RuleSchema>;
