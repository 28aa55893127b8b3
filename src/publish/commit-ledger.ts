import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { Anchor } from '../findings/schema.js';
import type { PullGateway } from '../github/pull-gateway.js';
import type { BotIdentity, PullRef } from '../github/types.js';
import type { LedgerSeal } from '../ledger/ledger-codec.js';
import type { ReconcileResult, StatusChangeReport } from '../ledger/reconcile-types.js';
import type { Ledger, LedgerEntry } from '../ledger/schema.js';
import type { SummaryComment } from '../github/pull-gateway.js';
import { publishLedger } from './publish-ledger.js';
import { publishThreadUpdates } from './publish-thread-updates.js';

/** Where a ledger is committed: the pull request and what its summary is rendered with. */
export interface LedgerTarget {
  github: PullGateway;
  pull: PullRef;
  headSha: string;
  identity: BotIdentity;
  config: Pick<Config, 'gate'>;
  linkFor: (anchor: Anchor) => string;
  seal: LedgerSeal | null;
}

export interface LedgerCommit {
  ledger: Ledger;
  /** The status changes the summary reports. */
  changes: StatusChangeReport[];
  /** The changes the threads hear about, when not the same (a change a person asked for is answered where they asked). */
  threadChanges?: StatusChangeReport[];
  stillOpen?: ReconcileResult['stillOpen'];
  /** Threads to resolve without a reply: the job already answered in them. */
  resolve?: LedgerEntry[];
  previousSha: string | null;
  newIds?: Set<string>;
  notes?: string[];
  personaNames: Map<string, string>;
  summary: SummaryComment | null;
  /** The run to complete; null: a new completed run on the head. */
  checkRunId?: number | null;
  degraded?: string | null;
  dryRun: boolean;
  log: Logger;
}

/**
 * A changed ledger made public, in the one order every job uses: the threads hear about their
 * findings first (replies carry markers, so a retry does not repeat them), then the sticky summary
 * carrying the ledger and the check run that is the merge gate.
 */
export async function commitLedger(target: LedgerTarget, c: LedgerCommit): Promise<{ conclusion: 'success' | 'failure' }> {
  const { github, pull, headSha, identity } = target;
  const threads = await publishThreadUpdates(github, {
    pull,
    headSha,
    ledger: c.ledger,
    identity,
    dryRun: c.dryRun,
    log: c.log,
    changes: c.threadChanges ?? c.changes,
    stillOpen: c.stillOpen ?? [],
  });
  let resolvable = threads.resolvable;
  const resolve = (c.resolve ?? []).filter((e) => e.threadCommentId !== null);
  if (resolve.length > 0 && !c.dryRun) {
    const sync = await github.syncThreads(new Map(resolve.map((e) => [e.threadCommentId!, true])));
    resolvable &&= sync.resolvable;
    for (const entry of resolve) {
      const id = sync.threadIds.get(entry.threadCommentId!);
      if (sync.resolvable && id !== undefined) Object.assign(entry, { resolved: true, threadNodeId: id });
    }
  }
  return publishLedger(github, {
    pull,
    headSha,
    identity,
    ledger: c.ledger,
    previousSha: c.previousSha,
    changes: c.changes,
    newIds: c.newIds ?? new Set(),
    config: target.config,
    personaNames: c.personaNames,
    linkFor: target.linkFor,
    notes: c.notes ?? [],
    threadsResolvable: resolvable,
    existing: c.summary,
    checkRunId: c.checkRunId ?? null,
    degraded: c.degraded ?? null,
    dryRun: c.dryRun,
    seal: target.seal,
  });
}
