import { prepareDocumentOffThread } from './prepare-document-off-thread.js';
import type { PlanDocument } from './schema.js';

/**
 * parseDocument for the CLI with the app's limits: a worker thread, a deadline and a heap cap, so a
 * pathological file under the 5 MB input limit ends in a clear error instead of gigabytes and minutes.
 */
export async function parseDocumentGuarded(path: string, text: string): Promise<PlanDocument> {
  return (await prepareDocumentOffThread(path, text, null, null)).doc;
}
