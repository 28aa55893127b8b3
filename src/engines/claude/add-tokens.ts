import type { TokenCounts } from './estimate-cost.js';

export function addTokens(into: TokenCounts, from: TokenCounts): void {
  into.inputTokens += from.inputTokens;
  into.outputTokens += from.outputTokens;
  into.cacheCreationInputTokens += from.cacheCreationInputTokens;
  into.cacheReadInputTokens += from.cacheReadInputTokens;
}
