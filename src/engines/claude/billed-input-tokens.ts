import type { Usage } from '../types.js';

/**
 * Input tokens as billed: cache writes cost 1.25× input and cache reads 0.1× (Anthropic's 5-minute
 * cache prices), so one number compares reviews that cached differently.
 */
export function billedInputTokens(u: Pick<Usage, 'inputTokens' | 'cacheCreationInputTokens' | 'cacheReadInputTokens'>): number {
  return Math.round(u.inputTokens + 1.25 * u.cacheCreationInputTokens + 0.1 * u.cacheReadInputTokens);
}
