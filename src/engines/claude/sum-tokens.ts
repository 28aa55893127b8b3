import type { TokenCounts } from './estimate-cost.js';

export function sumTokens(t: TokenCounts): number {
  return t.inputTokens + t.outputTokens + t.cacheCreationInputTokens + t.cacheReadInputTokens;
}
