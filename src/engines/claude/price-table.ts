import type { PriceTable } from './schema.js';

const sonnet = { inputPerMTok: 3, outputPerMTok: 15, cacheWriteMultiplier: 1.25, cacheReadMultiplier: 0.1 };
const opus = { inputPerMTok: 5, outputPerMTok: 25, cacheWriteMultiplier: 1.25, cacheReadMultiplier: 0.1 };
const haiku = { inputPerMTok: 1, outputPerMTok: 5, cacheWriteMultiplier: 1.25, cacheReadMultiplier: 0.1 };

/**
 * USD per million tokens, from Anthropic's pricing page (5-minute cache writes 1.25× input, cache
 * hits 0.1× input). Only models whose prices were checked are listed; a model missing here is
 * reviewed normally but its cost is reported as 0 with a note. Override or extend with the
 * engine's `prices` option.
 */
export const DEFAULT_PRICE_TABLE: PriceTable = {
  'claude-sonnet-4-6': sonnet,
  'claude-sonnet-4-5': sonnet,
  'claude-sonnet-4-5-20250929': sonnet,
  'claude-opus-4-8': opus,
  'claude-opus-4-7': opus,
  'claude-opus-4-6': opus,
  'claude-opus-4-5': opus,
  'claude-opus-4-5-20251101': opus,
  'claude-haiku-4-5': haiku,
  'claude-haiku-4-5-20251001': haiku,
};
