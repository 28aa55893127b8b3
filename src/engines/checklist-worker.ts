// Runs the offline checklist for one document on a worker thread: see create-off-thread-checklist-engine.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { answerFromWorker } from '../workers/run-in-worker.js';
import { capChecklistFindings } from './cap-checklist-findings.js';
import { createChecklistEngine } from './checklist/create-checklist-engine.js';
import type { TemplateRequirement } from './checklist/templates/schema.js';
import type { EngineRequest } from './types.js';

const { document, personas, templateRequirements } = workerData as Pick<EngineRequest, 'document' | 'personas'> & {
  templateRequirements: TemplateRequirement[];
};
void answerFromWorker(parentPort!, async () =>
  capChecklistFindings(await createChecklistEngine(undefined, undefined, { templateRequirements }).review({ document, personas }), document.path),
);
