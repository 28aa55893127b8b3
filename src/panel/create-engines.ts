import type { TemplateRequirement } from '../engines/checklist/templates/schema.js';
import { createOffThreadChecklistEngine } from '../engines/create-off-thread-checklist-engine.js';
import type { Engine } from '../engines/types.js';

export type EngineChoice = 'auto' | 'checklist' | 'claude' | 'both';

export interface EngineSettings {
  env: NodeJS.ProcessEnv;
  model?: string | null;
  maxTokensPerReview?: number;
  /** The repository's `templates:` requirements, for the offline engine. */
  templateRequirements?: TemplateRequirement[];
}

/**
 * The engines a review runs. `auto` uses Claude when an API key is configured and the offline
 * checklist otherwise. The Claude engine is imported only when chosen, so offline runs never
 * load the SDK.
 */
export async function createEngines(choice: EngineChoice, settings: EngineSettings): Promise<Engine[]> {
  const key = settings.env.ANTHROPIC_API_KEY?.trim();
  const resolved = choice === 'auto' ? (key ? 'claude' : 'checklist') : choice;
  const engines: Engine[] = [];
  if (resolved === 'checklist' || resolved === 'both')
    engines.push(createOffThreadChecklistEngine(undefined, { templateRequirements: settings.templateRequirements ?? [] }));
  if (resolved === 'claude' || resolved === 'both') {
    const { createClaudeEngine } = await import('../engines/claude/create-claude-engine.js');
    engines.push(
      createClaudeEngine({
        env: settings.env,
        ...(settings.model ? { model: settings.model } : {}),
        ...(settings.maxTokensPerReview ? { maxTokensPerReview: settings.maxTokensPerReview } : {}),
      }),
    );
  }
  return engines;
}
