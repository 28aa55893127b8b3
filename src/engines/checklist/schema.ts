import { z } from 'zod';
import { RecommendationSchema, SeveritySchema } from '../../findings/schema.js';

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
  /** When the rule raises some hits milder than `severity`, and why: shown in docs/REVIEWERS.md. */
  note: z.string().min(1).optional(),
  fixture: FixtureSchema,
};

/** A SQL rule: metadata here, the check itself in engines/checklist/sql/rules (keyed by id). */
export const SqlRuleSchema = z.strictObject({ ...common, kind: z.literal('sql') });
export type SqlRule = z.infer<typeof SqlRuleSchema>;

export const RuleSchema = SqlRuleSchema;
export type Rule = z.infer<typeof RuleSchema>;
