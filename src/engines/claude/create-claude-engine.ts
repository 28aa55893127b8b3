import type { Engine, EngineRequest, EngineResult } from '../types.js';
import { createAnthropicClient } from './create-anthropic-client.js';
import { resolveClaudeOptions } from './resolve-claude-options.js';
import { runClaudeReview } from './run-claude-review.js';
import type { ClaudeEngineOptions } from './schema.js';

/**
 * The LLM engine: each selected persona reviews the document with Claude (default model
 * claude-sonnet-4-6; option `model` or env RFC_PANEL_MODEL), through a prompt whose prefix —
 * instructions and the numbered document — is cached and shared by the whole panel.
 *
 * Throws an InputError at once when no API key is configured (option `apiKey` or env
 * ANTHROPIC_API_KEY) or an option is invalid; after that a review never throws for a persona's
 * failure: EngineResult.runs says who failed and why.
 */
export function createClaudeEngine(options: ClaudeEngineOptions = {}): Engine {
  const resolved = resolveClaudeOptions(options);
  const client = createAnthropicClient(resolved);
  return {
    name: 'claude',
    review(request: EngineRequest): Promise<EngineResult> {
      return runClaudeReview(client, resolved, request);
    },
  };
}
