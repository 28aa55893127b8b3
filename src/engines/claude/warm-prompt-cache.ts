import type Anthropic from '@anthropic-ai/sdk';
import type { TokenCounts } from './estimate-cost.js';
import { mapAnthropicError } from './map-anthropic-error.js';
import { REVIEW_TOOL_NAME } from './review-output-schema.js';

export const PRIMER_TEXT = 'This request only prepares the prompt cache. Do not review yet.';

export interface WarmResult {
  ok: boolean;
  reason: string | null;
  usage: TokenCounts;
}

/**
 * Write the shared prefix (tools + system) to the prompt cache with a one-token call, so the
 * personas that fan out next read it instead of each writing it. A cache entry becomes readable
 * once the writing response begins; this call's response begins — and ends — after one token,
 * so it costs one prefix write and about a time-to-first-token of wall time.
 */
export async function warmPromptCache(request: {
  client: Anthropic;
  model: string;
  system: Anthropic.TextBlockParam[];
  tools: Anthropic.Tool[];
  maxRetries: number;
  signal?: AbortSignal;
}): Promise<WarmResult> {
  const usage: TokenCounts = { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 };
  try {
    const reply = await request.client.messages.create(
      {
        model: request.model,
        max_tokens: 1,
        system: request.system,
        tools: request.tools,
        // Same tool_choice as the review calls: nothing in the cached prefix may differ.
        tool_choice: { type: 'tool', name: REVIEW_TOOL_NAME },
        messages: [{ role: 'user', content: PRIMER_TEXT }],
      },
      request.signal ? { signal: request.signal } : undefined,
    );
    usage.inputTokens = reply.usage?.input_tokens ?? 0;
    usage.outputTokens = reply.usage?.output_tokens ?? 0;
    usage.cacheCreationInputTokens = reply.usage?.cache_creation_input_tokens ?? 0;
    usage.cacheReadInputTokens = reply.usage?.cache_read_input_tokens ?? 0;
    return { ok: true, reason: null, usage };
  } catch (error) {
    return { ok: false, reason: mapAnthropicError(error, request.maxRetries).message, usage };
  }
}
