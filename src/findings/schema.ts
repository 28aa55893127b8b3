import { z } from 'zod';

export const SEVERITIES = ['critical', 'important', 'nice-to-have'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

/** How strongly the panel asks for the change: Required (must), Should, Consider. */
export const RecommendationSchema = z.enum(['required', 'should', 'consider']);
export type Recommendation = z.infer<typeof RecommendationSchema>;

/**
 * Where a finding sits. `line` anchors carry the quoted text they concern: the quote, not the
 * number, is the source of truth, so the anchor can be found again in a later revision.
 * `section` and `document` anchors are for gaps (something the plan never says).
 */
export const AnchorSchema = z.object({
  path: z.string().min(1),
  level: z.enum(['line', 'section', 'document']),
  startLine: z.number().int().positive().nullable(),
  endLine: z.number().int().positive().nullable(),
  quote: z.string().nullable(),
  /** Heading path, e.g. "Plan › Migration", or null before the first heading. */
  section: z.string().nullable(),
});
export type Anchor = z.infer<typeof AnchorSchema>;

export const EngineNameSchema = z.enum(['checklist', 'claude']);
export type EngineName = z.infer<typeof EngineNameSchema>;

export const FindingSchema = z.object({
  /** Stable fingerprint: same concern on the same text → same id on every run (see fingerprint.ts). */
  id: z.string().regex(/^[0-9a-f]{12}$/),
  /** What the finding is about, e.g. "sql.fk-on-delete" or "dependency-failure"; drives dedupe. */
  concern: z.string().min(1),
  ruleId: z.string().nullable(),
  /** Personas that raised it, first one primary. */
  personas: z.array(z.string().min(1)).min(1),
  engines: z.array(EngineNameSchema).min(1),
  severity: SeveritySchema,
  title: z.string().min(1),
  body: z.string(),
  recommendation: RecommendationSchema,
  /** Replacement text for the anchored lines (a GitHub suggestion), when the fix is mechanical. */
  suggestion: z.string().nullable(),
  anchor: AnchorSchema,
});
export type Finding = z.infer<typeof FindingSchema>;

/** What an engine reports before the panel fingerprints and merges it. */
export type DraftFinding = Omit<Finding, 'id' | 'engines'> & { engine: EngineName };

export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, important: 1, 'nice-to-have': 2 };

/** How strongly a finding of each severity is asked for, when its source does not say. */
export const RECOMMENDATION_FOR: Record<Severity, Recommendation> = { critical: 'required', important: 'should', 'nice-to-have': 'consider' };
