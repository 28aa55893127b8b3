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
    .describe('Exact text copied from the document (one or a few consecutive lines, without line-number prefixes), or null when the finding is about something the document never says.'),
  section: z.string().nullish().describe('Heading text of the section the finding concerns.'),
  suggestion: z.string().nullish().describe('Only for a mechanical fix: the full replacement text for the quoted lines.'),
  concern: z
    .string()
    .min(2)
    .max(60)
    .regex(CONCERN_PATTERN, 'use a short kebab-case key such as "redis-fallback"')
    .describe('A short kebab-case topic key, e.g. "redis-fallback", so the same concern from two reviewers can be merged.'),
  caused_by: z
    .string()
    .nullish()
    .describe('Only when reviewing a revision and quote is unchanged text: the exact changed text that causes the problem.'),
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

/** Per-million-token prices in USD. Cache writes and reads are priced relative to input. */
export const ModelPriceSchema = z.strictObject({
  inputPerMTok: z.number().nonnegative(),
  outputPerMTok: z.number().nonnegative(),
  /** 5-minute cache write, as a multiple of the input price. */
  cacheWriteMultiplier: z.number().nonnegative().default(1.25),
  /** Cache hit, as a multiple of the input price. */
  cacheReadMultiplier: z.number().nonnegative().default(0.1),
});
export type ModelPrice = z.infer<typeof ModelPriceSchema>;
export const PriceTableSchema = z.record(z.string().min(1), ModelPriceSchema);
export type PriceTable = z.infer<typeof PriceTableSchema>;

export const DEFAULT_MODEL = 'claude-sonnet-4-6';

/**
 * Bump when the review instructions, the tool or the revision prompt change what a persona would
 * report: it is part of every section-cache key, so results of the old prompt are not reused.
 */
export const REVIEW_PROMPT_VERSION = 'review-2';

/**
 * How the panel's calls share the cached prefix:
 *  - `primer`: one tiny call (max_tokens 1) writes the cache, then every persona reads it;
 *  - `first-persona`: the first persona's full call writes it, then the others fan out;
 *  - `off`: everyone at once — on the real API they all miss and all pay the cache write.
 */
export const WarmCacheSchema = z.enum(['off', 'first-persona', 'primer']);
export type WarmCache = z.infer<typeof WarmCacheSchema>;

/** Options a caller (CLI flags, repository config) can set; defaults shown. */
export const ClaudeEngineOptionsSchema = z.strictObject({
  /** Option > env RFC_PANEL_MODEL > DEFAULT_MODEL. */
  model: z.string().min(1).optional(),
  /** Option > env ANTHROPIC_API_KEY; missing → InputError before any call. */
  apiKey: z.string().min(1).optional(),
  /** Option > env ANTHROPIC_BASE_URL > the SDK's default. */
  baseURL: z.string().url().optional(),
  /** SDK retries (429, 529, 5xx, 408/409, timeouts, connection errors), honouring retry-after. */
  maxRetries: z.number().int().min(0).max(10).default(3),
  /** Per request; explicit so large non-streaming calls are allowed. */
  timeoutMs: z.number().int().positive().default(180_000),
  /** Requests in flight at once for one review. */
  concurrency: z.number().int().min(1).max(64).default(10),
  maxFindingsPerPersona: z.number().int().min(1).max(50).default(8),
  /** max_tokens of one call; doubled once (up to maxOutputTokensCeiling) when a reply is cut off. */
  maxOutputTokens: z.number().int().min(64).max(64_000).default(4096),
  maxOutputTokensCeiling: z.number().int().min(64).max(128_000).default(16_000),
  /** Hard cap on input + output tokens for one review (all personas, chunks, repairs, primer). */
  maxTokensPerReview: z.number().int().positive().default(2_000_000),
  /** A document estimated above this is reviewed in chunks of top-level sections. */
  maxDocumentTokens: z.number().int().min(500).default(150_000),
  warmCache: WarmCacheSchema.default('primer'),
  /** Below this prefix size the API does not cache (1024–4096 by model), so warming is skipped. */
  minCacheableTokens: z.number().int().min(0).default(1024),
  /** Merged over DEFAULT_PRICE_TABLE (price-table.ts). */
  prices: PriceTableSchema.optional(),
});
export type ClaudeEngineOptionsInput = z.input<typeof ClaudeEngineOptionsSchema>;

/** What createClaudeEngine accepts: the options above plus seams that are not configuration. */
export type ClaudeEngineOptions = ClaudeEngineOptionsInput & {
  /** Where env settings are read (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
  /** A fetch implementation for the SDK (defaults to global fetch). */
  fetch?: typeof fetch;
};

export type ResolvedClaudeOptions = Omit<z.output<typeof ClaudeEngineOptionsSchema>, 'model' | 'apiKey' | 'baseURL' | 'prices'> & {
  model: string;
  apiKey: string;
  /** null: let the SDK use its default host. */
  baseURL: string | null;
  prices: PriceTable;
  fetch?: typeof fetch;
};
