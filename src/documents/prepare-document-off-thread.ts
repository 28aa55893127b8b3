import { Worker } from 'node:worker_threads';
import { InputError } from '../errors/errors.js';
import { type PreparedDocument, prepareDocument } from './prepare-document.js';

/** Below this size parsing and diffing take milliseconds: a thread would cost more than it saves. */
export const OFF_THREAD_CHARS = 64 * 1024;
export const PREPARE_DEADLINE_MS = 15_000;

/**
 * prepareDocument on a worker thread with a deadline, for large documents. Markdown parsing and
 * diffing are synchronous and some shapes (deep nesting, huge tables, big rewrites) take seconds;
 * in the app that would stall the loop answering every installation's webhooks. Under ts-jest
 * (sources run as .ts, which a worker cannot load) it runs in place.
 */
export async function prepareDocumentOffThread(path: string, text: string, baseText: string | null, patch: string | null, deadlineMs = PREPARE_DEADLINE_MS): Promise<PreparedDocument> {
  if (text.length + (baseText?.length ?? 0) < OFF_THREAD_CHARS || import.meta.url.endsWith('.ts')) return prepareDocument(path, text, baseText, patch);
  return new Promise<PreparedDocument>((resolve, reject) => {
    const worker = new Worker(new URL('./parse-worker.js', import.meta.url), { workerData: { path, text, baseText, patch }, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 512 } });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new InputError(`${path}: took longer than ${deadlineMs >= 1000 ? `${Math.round(deadlineMs / 1000)} s` : `${deadlineMs} ms`} to parse; split the document`));
    }, deadlineMs);
    worker.once('message', (prepared: PreparedDocument) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(prepared);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(new InputError(`${path}: could not be parsed (${error.message})`));
    });
  });
}
