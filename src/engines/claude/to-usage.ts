import type { Usage } from '../types.js';
import { estimateCost, type TokenCounts } from './estimate-cost.js';
import type { ResolvedClaudeOptions } from './schema.js';

export function toUsage(tokens: TokenCounts, options: Pick<ResolvedClaudeOptions, 'model' | 'prices'>): Usage {
  return { ...tokens, costUsd: estimateCost(tokens, options.model, options.prices) ?? 0 };
}
