import { classifyReply, type ReplyIntent } from '../ledger/classify-reply.js';
import type { LedgerEntry } from '../ledger/schema.js';
import type { ReplyModel } from './create-reply-model.js';

/**
 * The rules classify first. Explicit decisions ("won't fix", "/rfc-panel withdraw") and claims
 * of a fix stay with the rules: they are predictable and cost nothing. Only what the rules call
 * a question, a disagreement or nothing in particular is read by the model (one small call), and
 * its reading replaces the rules' when it has one. A decision the model reads into a reply
 * (`inferred`) never changes the ledger by itself: the commenter is asked to make it explicitly.
 */
export async function readReply(body: string, entry: LedgerEntry, model: Pick<ReplyModel, 'assistant'>): Promise<{ intent: ReplyIntent; inferred: boolean }> {
  const ruled = classifyReply(body);
  if (ruled.kind !== 'other' && ruled.kind !== 'question' && ruled.kind !== 'disagreement') return { intent: ruled, inferred: false };
  const assistant = await model.assistant();
  const read = assistant ? await assistant.classify(entry, body).catch(() => null) : null;
  return read ? { intent: read, inferred: true } : { intent: ruled, inferred: false };
}
