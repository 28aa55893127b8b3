import { InputError, ValidationError } from '../../errors/errors.js';
import { formatZodIssues } from '../../errors/format-zod-issues.js';
import { DEFAULT_PRICE_TABLE } from './price-table.js';
import { type ClaudeEngineOptions, ClaudeEngineOptionsSchema, DEFAULT_MODEL, type ResolvedClaudeOptions } from './schema.js';

export const MISSING_KEY_MESSAGE = 'The claude engine needs ANTHROPIC_API_KEY; set it, or use --engine checklist for the offline review.';

/**
 * Options + environment → everything the engine needs, validated. Throws an InputError (before
 * any network call) when no API key is available, a ValidationError for a bad option.
 */
export function resolveClaudeOptions(input: ClaudeEngineOptions = {}): ResolvedClaudeOptions {
  const { env = process.env, fetch, ...rest } = input;
  const parsed = ClaudeEngineOptionsSchema.safeParse(rest);
  if (!parsed.success) throw new ValidationError('claude engine options', formatZodIssues(parsed.error));
  const options = parsed.data;
  const apiKey = options.apiKey ?? nonEmpty(env['ANTHROPIC_API_KEY']);
  if (!apiKey) throw new InputError(MISSING_KEY_MESSAGE);
  const resolved: ResolvedClaudeOptions = {
    ...options,
    model: options.model ?? nonEmpty(env['RFC_PANEL_MODEL']) ?? DEFAULT_MODEL,
    apiKey,
    // The SDK reads ANTHROPIC_BASE_URL itself; reading it from the same env here keeps an injected
    // env consistent. null → the SDK's default host.
    baseURL: options.baseURL ?? nonEmpty(env['ANTHROPIC_BASE_URL']) ?? null,
    prices: { ...DEFAULT_PRICE_TABLE, ...(options.prices ?? {}) },
  };
  if (fetch) resolved.fetch = fetch;
  return resolved;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim().length > 0 ? value.trim() : undefined;
}
