// Runs prepareDocument on a worker thread: see prepare-document-off-thread.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { answerFromWorker } from '../workers/run-in-worker.js';
import { prepareDocument } from './prepare-document.js';

const { path, text, baseText, patch } = workerData as { path: string; text: string; baseText: string | null; patch: string | null };
void answerFromWorker(parentPort!, () => prepareDocument(path, text, baseText, patch));
