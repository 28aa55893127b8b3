import type { Logger } from 'pino';
import { loadCatalogue } from '../engines/checklist/catalogue/load-catalogue.js';
import { loadRules } from '../engines/checklist/load-rules.js';
import { loadPgParser } from '../engines/checklist/sql/load-pg-parser.js';
import { loadPersonas } from '../personas/load-personas.js';

/**
 * Pay the one-time costs (rule and persona files, the PostgreSQL parser's WebAssembly) when the
 * app starts, not inside the first reviews, where they would block webhook answers.
 */
export async function warmUp(log: Logger): Promise<void> {
  const started = Date.now();
  loadRules();
  loadCatalogue();
  loadPersonas();
  await loadPgParser();
  log.debug({ ms: Date.now() - started }, 'warmed up');
}
