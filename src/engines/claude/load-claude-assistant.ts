import type { Assistant } from '../../ledger/assistant.js';
import type { ClaudeAssistantOptions } from './create-claude-assistant.js';

export interface AssistantSettings {
  env: NodeJS.ProcessEnv;
  model?: string | null;
  onUsage?: ClaudeAssistantOptions['onUsage'];
}

/**
 * The assistant for a repository's engine choice: Claude when the review uses Claude (`claude`,
 * `both`, or `auto` with ANTHROPIC_API_KEY set) and a key is configured, else null (the ledger
 * then follows findings by rules only). The SDK is imported only when chosen, so offline runs
 * never load it.
 */
export async function loadClaudeAssistant(engine: 'auto' | 'checklist' | 'claude' | 'both', settings: AssistantSettings): Promise<Assistant | null> {
  const key = settings.env.ANTHROPIC_API_KEY?.trim();
  const resolved = engine === 'auto' ? (key ? 'claude' : 'checklist') : engine;
  if (resolved === 'checklist' || !key) return null;
  const { createClaudeAssistant } = await import('./create-claude-assistant.js');
  return createClaudeAssistant({
    env: settings.env,
    ...(settings.model ? { model: settings.model } : {}),
    ...(settings.onUsage ? { onUsage: settings.onUsage } : {}),
  });
}
