import type { Logger } from 'pino';
import type { PlanDocument } from '../documents/schema.js';
import type { Usage } from '../engines/types.js';
import type { Persona } from '../personas/schema.js';
import type { Assistant } from './assistant.js';
import type { Verdict } from './verifier.js';
import { type Ledger, type LedgerEntry, OPEN_STATUSES } from './schema.js';

/**
 * Open findings only a model can re-judge, verified by the model: one call per document and
 * persona. A failed call leaves its findings open and says so in `notes`.
 */
export async function verifyModelFindings(
  assistant: Assistant,
  ledger: Ledger,
  docs: PlanDocument[],
  personas: Persona[],
  notes: string[],
  log: Logger,
  needsCall: (entry: LedgerEntry, doc: PlanDocument) => boolean = () => true,
): Promise<{ verdicts: Map<string, Verdict>; usage: Usage[] }> {
  const verdicts = new Map<string, Verdict>();
  const usage: Usage[] = [];
  const pending = ledger.entries.filter((e) => OPEN_STATUSES.has(e.status) && !e.finding.engines.includes('checklist'));
  for (const doc of docs) {
    const byPersona = new Map<string, LedgerEntry[]>();
    for (const e of pending.filter((x) => x.finding.anchor.path === doc.path && needsCall(x, doc))) {
      const id = e.finding.personas[0] ?? 'staff-engineer';
      byPersona.set(id, [...(byPersona.get(id) ?? []), e]);
    }
    await Promise.all(
      [...byPersona].map(async ([id, entries]) => {
        const persona = personas.find((p) => p.id === id) ?? personas[0];
        if (!persona) return;
        try {
          const { verdicts: found, usage: spent } = await assistant.verify(doc, persona, entries);
          usage.push(spent);
          for (const [k, v] of found) verdicts.set(k, v);
        } catch (error) {
          log.warn({ err: error, persona: id }, 'verification failed');
          notes.push(`Could not verify ${entries.length} finding(s) of ${persona.name} on this revision; they stay open.`);
        }
      }),
    );
  }
  return { verdicts, usage };
}
