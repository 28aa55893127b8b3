import { z } from 'zod';
import { RecommendationSchema, SeveritySchema } from '../../findings/schema.js';
import { VerificationItemSchema } from './claude-assistant-schema.js';

/*
 * Structured output: a forced tool call, not the SDK's zod helper.
 *
 * The model must call `submit_review` (tool_choice {type:'tool'}) whose `input_schema` is the JSON
 * Schema generated from ReviewOutputSchema below; we validate `tool_use.input` with the same zod
 * schema ourselves. Why a tool rather than `messages.parse` + `zodOutputFormat`:
 *  - tool use with `input_schema` works on every current model and on the proxies and gateways
 *    people put behind ANTHROPIC_BASE_URL; `output_config.format` is newer and not universal;
 *  - a reply is a plain Messages-API body, so tests fake it with nock and the bench's fake server
 *    returns it without reimplementing the helper's parsing;
 *  - the one repair turn is natural: we answer the tool_use with a `tool_result` marked
 *    `is_error` listing the validation problems, and the model calls the tool again;
 *  - the helper pins `zod/v4` and throws its own parse errors; with our own safeParse the engine
 *    decides what a bad reply means (repair once, then a failed persona) and never throws.
 * The tool definition is part of the cached prefix (tools come before system), so it is built
 * once per review and never varies between personas or retries.
 */

export const REVIEW_TOOL_NAME = 'submit_review';
export const SUMMARY_TOOL_NAME = 'submit_summary';

/** "redis-fallback": lowercase words joined by dashes. */
export const CONCERN_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** One finding as the model reports it, before anchoring. */
export const LlmFindingSchema = z.object({
  title: z.string().min(1).max(200).describe('One short sentence naming the problem.'),
  severity: SeveritySchema.describe(
    'critical: would cause an outage, data loss, a security breach, or blocks production; important: should be fixed before launch; nice-to-have: an improvement.',
  ),
  body: z.string().min(1).max(4000).describe('Why it matters for this document and what to change; a few sentences of Markdown.'),
  recommendation: RecommendationSchema.describe('required: must change before approval; should: strongly advised; consider: optional.'),
  quote: z
    .string()
    .min(1)
    .nullable()
    .describe(
      'Exact text copied from the document (one or a few consecutive lines, without line-number prefixes), or null when the finding is about something the document never says.',
    ),
  section: z.string().nullish().describe('Heading text of the section the finding concerns.'),
  suggestion: z.string().nullish().describe('Only for a mechanical fix: the full replacement text for the quoted lines.'),
  concern: z
    .string()
    .min(2)
    .max(60)
    .regex(CONCERN_PATTERN, 'use a short kebab-case key such as "redis-fallback"')
    .describe('A short kebab-case topic key, e.g. "redis-fallback", so the same concern from two reviewers can be merged.'),
  caused_by: z.string().nullish().describe('Only when reviewing a revision and quote is unchanged text: the exact changed text that causes the problem.'),
});
export type LlmFinding = z.infer<typeof LlmFindingSchema>;

export const ReviewOutputSchema = z.object({
  findings: z.array(LlmFindingSchema).describe('Most severe first. An empty list is a valid answer for a sound document.'),
  // One tool for full and incremental reviews: the tool list opens the cached prefix, so a revision
  // reads the instructions a recent full review cached only if the tools are byte-identical.
  verdicts: z.array(VerificationItemSchema).nullish().describe('Only when the user turn asks you to verify findings of yours: one verdict per listed id.'),
});
export type ReviewOutput = z.infer<typeof ReviewOutputSchema>;

export const SummaryOutputSchema = z.object({
  summary: z.string().min(1).max(900).describe('Two or three sentences for a busy reader.'),
});
