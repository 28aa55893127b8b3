import type Anthropic from '@anthropic-ai/sdk';
import { addTokens } from './add-tokens.js';
import type { TokenCounts } from './estimate-cost.js';
import { estimateTokens } from './estimate-tokens.js';
import { mapAnthropicError } from './map-anthropic-error.js';
import { readUsage } from './read-usage.js';
import type { TokenBudget } from './create-token-budget.js';
import { REVIEW_TOOL_NAME } from './review-output-schema.js';
import { sumTokens } from './sum-tokens.js';

/** What the calls of one persona review share: usage so far, calls made, the admission's reservation. */
export interface ReviewCallState {
  usage: TokenCounts;
  requests: number;
  /** Tokens the admission step reserved: the first call uses them, later calls reserve their own. */
  prereserved: number;
}

/** The parts of a persona's review request that one call needs. */
export interface ReviewCallRequest {
  client: Anthropic;
  model: string;
  system: Anthropic.TextBlockParam[];
  tools: Anthropic.Tool[];
  /** The SDK's maxRetries, for error messages. */
  maxRetries: number;
  budget: TokenBudget;
  signal?: AbortSignal;
}

export type ReviewCallOutcome = { kind: 'reply'; reply: Anthropic.Message } | { kind: 'error'; reason: string } | { kind: 'budget' };

/** One forced `submit_review` call inside the token budget; its usage is added to `state`. */
export async function sendReviewCall(
  request: ReviewCallRequest,
  state: ReviewCallState,
  messages: Anthropic.MessageParam[],
  maxTokens: number,
): Promise<ReviewCallOutcome> {
  const estimate = estimateTokens(JSON.stringify([request.tools, request.system, messages])) + maxTokens;
  let held = state.prereserved;
  state.prereserved = 0;
  if (held === 0) {
    if (!request.budget.tryReserve(estimate)) return { kind: 'budget' };
    held = estimate;
  }
  state.requests++;
  try {
    const reply = await request.client.messages.create(
      {
        model: request.model,
        max_tokens: maxTokens,
        system: request.system,
        tools: request.tools,
        tool_choice: { type: 'tool', name: REVIEW_TOOL_NAME },
        messages,
      },
      request.signal ? { signal: request.signal } : undefined,
    );
    const counts = readUsage(reply.usage);
    addTokens(state.usage, counts);
    request.budget.settle(held, sumTokens(counts));
    return { kind: 'reply', reply };
  } catch (error) {
    request.budget.settle(held, 0);
    return { kind: 'error', reason: mapAnthropicError(error, request.maxRetries).message };
  }
}
