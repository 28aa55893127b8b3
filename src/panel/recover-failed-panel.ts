import type { PlanDocument } from '../documents/schema.js';
import { createChecklistEngine } from '../engines/checklist/create-checklist-engine.js';
import type { Engine, EngineResult, PersonaRun } from '../engines/types.js';
import { ExternalServiceError } from '../errors/errors.js';
import type { Persona } from '../personas/schema.js';

/**
 * After every engine ran: nothing to do when a reviewer completed (a note when some did not).
 * Returns why the offline checklist reviewed instead, or null when it did not.
 */
export async function recoverFailedPanel(
  runs: PersonaRun[],
  selections: Array<{ document: PlanDocument; selected: Persona[] }>,
  options: { engines: Engine[]; fallbackOnOutage?: boolean; fallback?: Engine; signal?: AbortSignal },
  collect: (result: EngineResult) => void,
  notes: string[],
): Promise<string | null> {
  // A panel where no reviewer completed is not a review: reporting a clean document would pass the
  // merge gate unreviewed. Either the offline checklist reviews instead (and the result says why),
  // or the panel fails (retryably when the API did not answer) so the caller says so.
  const failed = runs.filter((r) => r.status === 'failed');
  if (failed.length > 0 && !runs.some((r) => r.status === 'ok')) {
    const reasons = [...new Set(failed.map((r) => `${r.persona} (${r.engine}): ${r.reason ?? 'failed'}`))];
    const listed = `${reasons.slice(0, 5).join('; ')}${reasons.length > 5 ? `; and ${reasons.length - 5} more` : ''}`;
    const answered = failed.every((r) => r.failure === 'unusable');
    const checklistRan = options.engines.some((e) => e.name === 'checklist');
    if (!checklistRan && (answered || options.fallbackOnOutage)) {
      const first = failed[0]!;
      const why = `${failed.length === 1 ? first.persona : `${failed.length} reviewers; first ${first.persona}`}: ${(first.reason ?? 'failed').slice(0, 160)}`;
      const degraded = answered ? `Claude's replies could not be used (${why})` : `Anthropic is not answering (${why})`;
      const checklist = options.fallback ?? createChecklistEngine();
      for (const { document, selected } of selections) collect(await checklist.review({ document, personas: selected, signal: options.signal }));
      notes.push(`${degraded}; the offline checklist panel reviewed this revision instead.`);
      return degraded;
    } else {
      throw new ExternalServiceError('anthropic', `no reviewer completed the review — ${listed}`, !answered, null, { answered });
    }
  } else if (failed.length > 0) {
    const names = [...new Set(failed.map((r) => `${r.persona} (${r.engine})`))];
    notes.push(`The review is partial: ${names.join(', ')} did not complete; press Re-review to run ${names.length === 1 ? 'it' : 'them'} again.`);
  }
  return null;
}
