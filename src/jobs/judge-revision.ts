import type { Logger } from 'pino';
import type { Readiness } from '../findings/readiness.js';
import type { Finding } from '../findings/schema.js';
import { checklistVerifier } from '../engines/checklist/checklist-verifier.js';
import { findDeletedPaths } from '../ledger/find-deleted-paths.js';
import { rebuildLedger } from '../ledger/rebuild-ledger.js';
import { reconcileLedger } from '../ledger/reconcile-ledger.js';
import type { ReconcileResult } from '../ledger/reconcile-types.js';
import { recordRevision } from '../ledger/record-revision.js';
import type { Ledger } from '../ledger/schema.js';
import { sumUsage } from '../panel/sum-usage.js';
import { chooseReviewEvent } from '../publish/choose-review-event.js';
import type { ReviewEvent } from '../publish/review-request.js';
import { renderRevisionCost } from '../publish/render-revision-cost.js';
import type { JobDeps } from './job-deps.js';
import type { Revision } from './load-revision.js';
import { type PanelRun, runRevisionPanel } from './run-revision-panel.js';
import { verifyRevision } from './verify-revision.js';

/** What a revision's review decided, before anything is written to GitHub. */
export interface Judgement {
  run: PanelRun;
  /** The ledger the revision was judged against (rebuilt from the threads when the stored one was lost). */
  previous: Ledger;
  reconciled: ReconcileResult;
  ledger: Ledger;
  open: Finding[];
  readiness: Readiness;
  newIds: Set<string>;
  /** The new findings this revision's review shows (held ones are not shown). */
  shownNew: Finding[];
  event: ReviewEvent;
  notes: string[];
}

/**
 * Judge one revision without touching GitHub: the panel, verification of what only a model can
 * re-judge, reconciliation with the previous ledger, the revision's record, and the review event.
 */
export async function judgeRevision(deps: JobDeps, revision: Revision, attempt: { final: boolean }, log: Logger): Promise<Judgement> {
  const { ctx, documents, stored } = revision;
  const notes = [...revision.notes];
  const run = await runRevisionPanel(deps, revision, attempt, notes);
  const { panel } = run;
  const current = [...panel.findings, ...panel.held];
  const previous = stored.rebuild ? rebuildLedger(stored.threads, current, ctx.headSha, deps.now().toISOString()) : revision.previous;
  const verification = await verifyRevision(deps, revision, run, previous, notes, log);
  const at = deps.now().toISOString();
  const reconciled = reconcileLedger({
    previous,
    current,
    sha: ctx.headSha,
    at,
    verdicts: verification.verdicts,
    evidenceFor: checklistVerifier.evidenceFor,
    knownCheck: checklistVerifier.isKnownCheck,
    documents: new Map(documents.map((d) => [d.path, d.doc])),
    renamed: new Map(documents.filter((d) => d.previousPath).map((d) => [d.previousPath!, d.path])),
    deleted: findDeletedPaths(revision.fetched, previous),
  });
  const review = {
    mode: run.incremental ? ('incremental' as const) : ('full' as const),
    usage: sumUsage([panel.usage, verification.usage, ...run.summaryUsage]),
    partial: panel.runs.some((r) => r.status === 'failed'),
  };
  const { ledger, open, readiness } = recordRevision({ reconciled, previous, held: panel.held, reviewed: panel.reviewed, sha: ctx.headSha, at, review });
  const claude = panel.runs.filter((r) => r.engine === 'claude');
  const cost = renderRevisionCost(review, ledger.revisions.find((r) => r.review)?.review ?? null, {
    called: claude.filter((r) => r.status !== 'skipped').length,
    of: claude.length,
    dropped: panel.dropped,
  });
  if (cost) notes.push(cost);
  const newIds = new Set(reconciled.newFindings.map((f) => f.id));
  const shownNew = panel.findings.filter((f) => newIds.has(f.id));
  return { run, previous, reconciled, ledger, open, readiness, newIds, shownNew, event: chooseReviewEvent(ctx.config, open), notes };
}
