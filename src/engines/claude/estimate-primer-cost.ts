import { estimateTokens } from './estimate-tokens.js';
import { PRIMER_TEXT } from './warm-prompt-cache.js';

/** What a warm-up call on a chunk's prefix is reserved at (and settled against). */
export function estimatePrimerCost(prefixTokens: number): number {
  return prefixTokens + estimateTokens(PRIMER_TEXT) + 16;
}
