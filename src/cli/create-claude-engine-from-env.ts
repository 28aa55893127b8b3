import type { Engine } from '../engines/types.js';
import { InputError } from '../errors/errors.js';

/** Placeholder until the Claude engine lands. */
export function createClaudeEngineFromEnv(_env: NodeJS.ProcessEnv): Engine {
  throw new InputError('the claude engine is not available in this build; use --engine checklist');
}
