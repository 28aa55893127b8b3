import type { PullGateway, SummaryComment } from '../github/pull-gateway.js';
import type { BotIdentity } from '../github/types.js';
import type { LedgerSeal } from './ledger-codec.js';
import { readLedger } from './read-ledger.js';
import type { Ledger } from './schema.js';

/**
 * The sticky summary and the ledger it carries, for a follow-up job (a reply, a response). A ledger
 * someone else edited is not used (null): only a review rebuilds it, from the app's threads.
 */
export async function readSummaryLedger(
  github: Pick<PullGateway, 'findSummary'>,
  identity: BotIdentity,
  seal: LedgerSeal | null,
): Promise<{ summary: SummaryComment | null; ledger: Ledger | null }> {
  const summary = await github.findSummary(identity);
  return { summary, ledger: readLedger(summary?.body, seal).ledger };
}
