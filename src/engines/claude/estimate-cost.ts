import type { PriceTable } from './schema.js';

export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
}

/** USD for these tokens on `model`, or null when the table has no price for it. */
export function estimateCost(tokens: TokenCounts, model: string, table: PriceTable): number | null {
  const price = table[model];
  if (!price) return null;
  const input = tokens.inputTokens + tokens.cacheCreationInputTokens * price.cacheWriteMultiplier + tokens.cacheReadInputTokens * price.cacheReadMultiplier;
  const usd = (input * price.inputPerMTok + tokens.outputTokens * price.outputPerMTok) / 1_000_000;
  return Math.round(usd * 1_000_000) / 1_000_000;
}
