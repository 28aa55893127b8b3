import type { Ledger } from './schema.js';

/** Threads the review just opened, tied to their findings; an entry that has a thread keeps it. */
export function backfillThreadIds(ledger: Ledger, threads: Map<string, number>): void {
  for (const entry of ledger.entries) {
    const thread = threads.get(entry.finding.id);
    if (thread !== undefined && entry.threadCommentId === null) entry.threadCommentId = thread;
  }
}
