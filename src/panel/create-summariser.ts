import type { PersonaRun, Usage } from '../engines/types.js';
import { summariseReviewOffline } from '../engines/summarise-review-offline.js';
import type { Finding } from '../findings/schema.js';
import type { EngineChoice, EngineSettings } from './create-engines.js';

export type Summariser = (findings: Finding[], runs: PersonaRun[]) => Promise<string | null>;

/**
 * The review's 2–3 sentence executive summary: one small Claude call when Claude is part of the
 * review, the deterministic summary otherwise (and whenever that call fails).
 */
export function createSummariser(choice: EngineChoice, settings: EngineSettings, onUsage?: (usage: Usage) => void): Summariser {
  const key = settings.env.ANTHROPIC_API_KEY?.trim();
  const usesClaude = choice === 'claude' || choice === 'both' || (choice === 'auto' && Boolean(key));
  if (!usesClaude) return async (findings, runs) => summariseReviewOffline(findings, runs);
  return async (findings, runs) => {
    const { summariseReview } = await import('../engines/claude/summarise-review.js');
    return summariseReview(findings, runs, { env: settings.env, ...(settings.model ? { model: settings.model } : {}), ...(onUsage ? { onUsage } : {}) });
  };
}
