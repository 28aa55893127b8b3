import type { Config } from '../../src/config/schema.js';
import { createChecklistEngine } from '../../src/engines/checklist/create-checklist-engine.js';
import type { Engine } from '../../src/engines/types.js';
import { createEngines } from '../../src/panel/create-engines.js';

/**
 * The app's engines with the offline engine limited to its SQL rules: lifecycle tests follow SQL
 * findings through revisions, and must not change each time the catalogue learns a concern.
 */
export function sqlOnlyEngines(env: NodeJS.ProcessEnv): (config: Config) => Promise<Engine[]> {
  const checklist = createChecklistEngine(undefined, { vocabularies: {}, areas: [], concerns: new Map() }, { templates: [] });
  return async (config) => (await createEngines(config.engine, { env, model: config.model })).map((e) => (e.name === 'checklist' ? checklist : e));
}
