import { countDropped } from './count-dropped.js';
import { type Ledger, type LedgerEntry, OPEN_STATUSES } from './schema.js';

const clip = (text: string | null, max: number): string | null => (text !== null && text.length > max ? `${text.slice(0, max - 1)}…` : text);
/** The most a ledger is compacted before entries are dropped. */
export const MAX_COMPACT_LEVEL = 3;
const CLOSED = (e: LedgerEntry): boolean => !OPEN_STATUSES.has(e.status) && e.status !== 'accepted-risk';

/**
 * What the ledger must remember is which finding, where, and its fate; the full wording lives in
 * the finding's thread and review. Quotes are kept whole: relocation needs them. Levels:
 *   0 long bodies and notes trimmed, posted suggestions dropped;
 *   1 closed findings keep no body and their last two changes, every history its last five;
 *   2 held findings (beyond the caps, never posted) leave, counted by severity for the gate;
 *   3 no bodies at all, short titles, two changes each, the last ten revisions.
 */
export function compactLedger(ledger: Ledger, level: number): Ledger {
  let entries = ledger.entries.map((e) => ({
    ...e,
    finding: {
      ...e.finding,
      body: level >= 3 || (level >= 1 && CLOSED(e)) ? '' : (clip(e.finding.body, 600) ?? ''),
      suggestion: null,
      title: level >= 3 ? (clip(e.finding.title, 100) ?? '') : e.finding.title,
    },
    history: e.history.slice(level >= 3 || (level >= 1 && CLOSED(e)) ? -2 : level >= 1 ? -5 : 0).map((h) => ({ ...h, note: clip(h.note, 300) })),
  }));
  const dropped = { ...(ledger.dropped ?? { critical: 0, important: 0, niceToHave: 0 }) };
  if (level >= 2) {
    for (const e of entries) if (e.held && OPEN_STATUSES.has(e.status)) countDropped(dropped, e);
    entries = entries.filter((e) => !e.held);
  }
  return { ...ledger, revisions: level >= 3 ? ledger.revisions.slice(-10) : ledger.revisions, entries, dropped };
}
