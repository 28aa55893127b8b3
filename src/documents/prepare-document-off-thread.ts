import { InputError } from '../errors/errors.js';
import { runInWorker, WorkerLimitError } from '../workers/run-in-worker.js';
import { type PreparedDocument, prepareDocument } from './prepare-document.js';

/** Time one document may take to parse and diff; env RFC_PANEL_PARSE_DEADLINE_MS overrides. */
export const PREPARE_DEADLINE_MS = 15_000;
/** Heap one document may use while parsing; env RFC_PANEL_PARSE_MEMORY_MB overrides. */
export const PREPARE_MEMORY_MB = 512;

export function documentLimits(env: NodeJS.ProcessEnv = process.env): { deadlineMs: number; memoryMb: number } {
  const positive = (value: string | undefined, fallback: number): number => (Number.isFinite(Number(value)) && Number(value) > 0 ? Number(value) : fallback);
  return { deadlineMs: positive(env.RFC_PANEL_PARSE_DEADLINE_MS, PREPARE_DEADLINE_MS), memoryMb: positive(env.RFC_PANEL_PARSE_MEMORY_MB, PREPARE_MEMORY_MB) };
}

/**
 * prepareDocument on a worker thread with a deadline and a memory cap, for every document whatever
 * its size: 64 KB of setext headings took 53 s on the main thread. Markdown parsing and diffing are
 * synchronous; in the app they would stall the loop answering every installation's webhooks, and
 * in the CLI a pathological file would take gigabytes. Under ts-jest (sources run as .ts, which a
 * worker cannot load) it runs in place.
 */
export async function prepareDocumentOffThread(
  path: string,
  text: string,
  baseText: string | null,
  patch: string | null,
  deadlineMs?: number,
  memoryMb?: number,
): Promise<PreparedDocument> {
  if (import.meta.url.endsWith('.ts')) return prepareDocument(path, text, baseText, patch);
  const defaults = documentLimits();
  const limits = { deadlineMs: deadlineMs ?? defaults.deadlineMs, memoryMb: memoryMb ?? defaults.memoryMb };
  try {
    return await runInWorker<PreparedDocument>(new URL('./parse-worker.js', import.meta.url), { path, text, baseText, patch }, limits);
  } catch (error) {
    if (error instanceof WorkerLimitError) {
      const why = error.reason === 'crash' ? `could not be parsed (${error.message})` : `${error.message} to parse`;
      throw new InputError(`${path}: ${why}; split the document`);
    }
    // prepareDocument's own refusals (nesting too deep) arrive by name.
    if ((error as Error).name === 'InputError') throw new InputError((error as Error).message);
    throw new InputError(`${path}: could not be parsed (${(error as Error).message})`);
  }
}
