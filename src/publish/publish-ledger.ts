import type { Config } from '../config/schema.js';
import type { Anchor } from '../findings/schema.js';
import type { PullGateway } from '../github/pull-gateway.js';
import type { BotIdentity, PullRef } from '../github/types.js';
import { computeGate } from '../ledger/compute-gate.js';
import { encodeLedger, type LedgerSeal } from '../ledger/ledger-codec.js';
import type { StatusChangeReport } from '../ledger/reconcile-types.js';
import { OPEN_STATUSES, type Ledger } from '../ledger/schema.js';
import { computeReadiness } from '../findings/readiness.js';
import type { SummaryComment } from '../github/pull-gateway.js';
import { renderPrSummary } from './render-pr-summary.js';

/** GitHub's limit on a comment body. */
const MAX_COMMENT_CHARS = 65_536;

export interface LedgerPublication {
  pull: PullRef;
  headSha: string;
  identity: BotIdentity;
  ledger: Ledger;
  previousSha: string | null;
  changes: StatusChangeReport[];
  newIds: Set<string>;
  config: Pick<Config, 'gate'>;
  personaNames: Map<string, string>;
  linkFor: (anchor: Anchor) => string;
  notes: string[];
  threadsResolvable: boolean;
  existing: SummaryComment | null;
  /** The run to complete; null → a new completed run on the head (a reply changed the gate). */
  checkRunId: number | null;
  /** Why the offline checklist reviewed instead of the model panel; leads the check run's title. */
  degraded?: string | null;
  dryRun: boolean;
  /** Signs the ledger (see read-ledger.ts); null or absent: unsigned. */
  seal?: LedgerSeal | null;
}

/**
 * The ledger's public face: the sticky summary (carrying the ledger itself) and the check run whose
 * conclusion is the merge gate. Both are derived from the ledger alone, so any job that changes a
 * finding's status publishes the same way.
 */
export async function publishLedger(
  github: Pick<PullGateway, 'ensureSummary' | 'completeCheck' | 'createCompletedCheck'>,
  p: LedgerPublication,
): Promise<{ conclusion: 'success' | 'failure' }> {
  const computed = computeGate(p.ledger, p.config.gate);
  // A revision the configured panel could not review never passes the gate: otherwise an outage, or a
  // document that makes the model's replies unusable, would turn into a green check by default.
  const gate = p.degraded && computed.conclusion === 'success' ? { ...computed, conclusion: 'failure' as const } : computed;
  const notes =
    p.degraded && computed.conclusion === 'success'
      ? [...p.notes, 'The merge gate stays failing until the configured panel reviews this revision: press **Re-review** to run it again.']
      : p.notes;
  const render = (maxListed?: number): string =>
    renderPrSummary({
      ledger: p.ledger,
      headSha: p.headSha,
      previousSha: p.previousSha,
      changes: p.changes,
      newIds: p.newIds,
      gate: { ...gate, level: p.config.gate },
      personaNames: p.personaNames,
      linkFor: p.linkFor,
      notes,
      threadsResolvable: p.threadsResolvable,
      ...(maxListed === undefined ? {} : { maxListed }),
    });
  // GitHub refuses a comment over 65,536 characters, and a summary that is never saved loses the ledger
  // (the next push would review from scratch). List fewer findings until the comment fits; the ledger stays whole.
  const ledgerText = encodeLedger(p.ledger, p.seal ?? null);
  let body = render();
  for (let listed = p.ledger.entries.length; body.length + ledgerText.length + 2 > MAX_COMMENT_CHARS && listed > 0; ) {
    listed = Math.floor(listed / 2);
    body = render(listed);
  }
  await github.ensureSummary(p.identity, `${body}\n\n${ledgerText}`, { existing: p.existing, dryRun: p.dryRun });
  if (p.dryRun) return { conclusion: gate.conclusion };
  const open = computeReadiness(p.ledger.entries.filter((e) => OPEN_STATUSES.has(e.status)).map((e) => e.finding));
  const counts = `${open.critical} critical, ${open.important} important, ${open.niceToHave} nice-to-have open`;
  const verdict =
    gate.blocking > 0 ? `${gate.blocking} finding(s) block the merge (gate: ${p.config.gate}) · ${counts}` : `Readiness ${open.readiness}/10 · ${counts}`;
  // The short reason leads the title (250 characters at most); the detail is in the summary's notes.
  const title = p.degraded ? `${p.degraded.split(' (')[0]} — offline checklist review · ${verdict}` : verdict;
  const result = { conclusion: gate.conclusion, title, summary: body };
  if (p.checkRunId !== null) {
    await github.completeCheck(p.checkRunId, result);
  } else {
    await github.createCompletedCheck(p.headSha, result);
  }
  return { conclusion: gate.conclusion };
}
