import { documentLimits } from '../documents/prepare-document-off-thread.js';
import { createChecklistEngine } from './checklist/create-checklist-engine.js';
import { runInWorker, WorkerLimitError } from '../workers/run-in-worker.js';
import { capChecklistFindings } from './cap-checklist-findings.js';
import type { TemplateRequirement } from './checklist/templates/schema.js';
import type { Engine, EngineRequest, EngineResult } from './types.js';
import { ZERO_USAGE } from './types.js';

/**
 * The offline checklist, one document per worker thread with the same deadline and memory cap as
 * parsing. Its topic regexes and SQL parsing are synchronous: 10,000 SQL statements held the event
 * loop ~58 s. A document that exceeds the limits is skipped by this engine with its reason (the
 * other documents and engines still review). Under ts-jest (sources as .ts) it runs in place.
 */
export function createOffThreadChecklistEngine(
  limits: { deadlineMs: number; memoryMb: number } = documentLimits(),
  options: { templateRequirements?: TemplateRequirement[] } = {},
): Engine {
  const templateRequirements = options.templateRequirements ?? [];
  // Built on first use: the worker loads its own catalogue, and loading one here as well cost the
  // CLI's main thread ~0.4 s it never used.
  let inPlace: Engine | null = null;
  return {
    name: 'checklist',
    async review(request: EngineRequest): Promise<EngineResult> {
      if (import.meta.url.endsWith('.ts')) {
        inPlace ??= createChecklistEngine(undefined, undefined, { templateRequirements });
        return capChecklistFindings(await inPlace.review(request), request.document.path);
      }
      try {
        // The worker caps its findings before posting them: copying 60,000 back cost the loop ~1 s of GC.
        return await runInWorker<EngineResult>(
          new URL('./checklist-worker.js', import.meta.url),
          { document: request.document, personas: request.personas, templateRequirements },
          limits,
        );
      } catch (error) {
        const why = error instanceof WorkerLimitError && error.reason !== 'crash' ? `${error.message}` : `failed (${(error as Error).message})`;
        return {
          findings: [],
          runs: request.personas.map((p) => ({
            persona: p.id,
            engine: 'checklist' as const,
            status: 'skipped' as const,
            reason: why,
            findings: 0,
            usage: ZERO_USAGE,
          })),
          notes: [`The offline checklist skipped ${request.document.path}: it ${why}; split the document.`],
          unanchored: 0,
        };
      }
    },
  };
}
