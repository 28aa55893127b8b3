import { z } from 'zod';

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
