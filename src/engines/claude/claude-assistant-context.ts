import type Anthropic from '@anthropic-ai/sdk';
import type { Usage } from '../types.js';
import type { TokenCounts } from './estimate-cost.js';
import type { ResolvedClaudeOptions } from './schema.js';

export type AssistantCall = 'verify' | 'classify' | 'answer';

/** What the assistant's calls share: one client, resolved options, the fixed tool list, the cache gate. */
export interface AssistantContext {
  client: Anthropic;
  options: ResolvedClaudeOptions;
  tools: Anthropic.Tool[];
  /** Runs `call` so that calls on the same cacheable prefix read the cache the first one wrote. */
  cached<T>(system: Anthropic.TextBlockParam[], call: () => Promise<T>): Promise<T>;
  report(call: AssistantCall, tokens: TokenCounts): Usage;
}

export const NO_TOKENS: TokenCounts = { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 };
