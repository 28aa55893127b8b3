import type Anthropic from '@anthropic-ai/sdk';
import type { TokenCounts } from './estimate-cost.js';

/** The token counts of one reply, zero where the API left a field out. */
export function readUsage(usage: Anthropic.Usage | undefined): TokenCounts {
  return {
    inputTokens: usage?.input_tokens ?? 0,
    outputTokens: usage?.output_tokens ?? 0,
    cacheCreationInputTokens: usage?.cache_creation_input_tokens ?? 0,
    cacheReadInputTokens: usage?.cache_read_input_tokens ?? 0,
  };
}
