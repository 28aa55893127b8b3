import type { PersonaRun, Usage } from '../types.js';
import { estimateCost, type TokenCounts } from './estimate-cost.js';
import type { ResolvedClaudeOptions } from './schema.js';
import { sumTokens } from './sum-tokens.js';

export function makePersonaRun(
  persona: string,
  status: PersonaRun['status'],
  reason: string | null,
  findings: number,
  tokens: TokenCounts,
  options: ResolvedClaudeOptions,
  notes: string[],
): PersonaRun {
  const cost = estimateCost(tokens, options.model, options.prices);
  if (cost === null && sumTokens(tokens) > 0) notes.push(`No price for model "${options.model}" in the price table; its cost is reported as 0.`);
  const usage: Usage = { ...tokens, costUsd: cost ?? 0 };
  return { persona, engine: 'claude', status, reason, findings, usage };
}
