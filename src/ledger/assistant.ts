import type { PlanDocument } from '../documents/schema.js';
import type { Persona } from '../personas/schema.js';
import type { ReplyIntent } from './classify-reply.js';
import type { Verdict } from './verifier.js';
import type { LedgerEntry } from './schema.js';
import type { Usage } from '../engines/types.js';

/**
 * What a language model adds to the ledger's lifecycle where rules cannot judge: whether a
 * model-raised finding is fixed in a new revision, what a free-text reply means, and an answer in
 * the persona's voice. Every method may fail; callers fall back to the offline behaviour.
 */
export interface Assistant {
  /** One call per persona with its open findings: addressed / partly / not addressed, with an evidence quote. */
  verify(doc: PlanDocument, persona: Persona, entries: LedgerEntry[]): Promise<{ verdicts: Map<string, Verdict>; usage: Usage }>;
  /** Intent of a reply in a finding's thread (rules decide when this returns null). */
  classify(entry: LedgerEntry, reply: string): Promise<ReplyIntent | null>;
  /** The persona answers a question or a disagreement; `withdraw` when it concedes. */
  answer(doc: PlanDocument | null, persona: Persona, entry: LedgerEntry, reply: string): Promise<{ text: string; withdraw: boolean } | null>;
}
