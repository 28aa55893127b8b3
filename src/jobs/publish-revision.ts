import type { Logger } from 'pino';
import { backfillThreadIds } from '../ledger/backfill-thread-ids.js';
import { commitLedger } from '../publish/commit-ledger.js';
import { postRevisionReview } from '../publish/post-revision-review.js';
import type { JobDeps } from './job-deps.js';
import type { Judgement } from './judge-revision.js';
import type { Revision } from './load-revision.js';

/**
 * A judged revision made public — unless the head moved meanwhile (a review of an old revision must
 * not be posted as current): one review with the new findings, thread updates, the sticky summary
 * with the ledger, the check run. Returns false when superseded.
 */
export async function publishRevision(deps: JobDeps, revision: Revision, judged: Judgement, log: Logger): Promise<boolean> {
  const { ctx, checkRunId } = revision;
  const { github, headSha, config } = ctx;
  const now = await github.getPull();
  if (now.headSha !== headSha) {
    await github.completeCheck(checkRunId, {
      conclusion: 'neutral',
      title: `Superseded by ${now.headSha.slice(0, 7)}`,
      summary: `A newer commit (${now.headSha}) arrived while this revision was being reviewed; its review replaces this one.`,
    });
    log.info({ head: now.headSha }, 'not posted: head moved during the review');
    return false;
  }
  const { panel } = judged.run;
  const personaNames = new Map(revision.personas.map((p) => [p.id, p.name]));
  const followUp = judged.previous.entries.length > 0;
  if (judged.shownNew.length > 0 || !followUp) {
    const threads = await postRevisionReview(github, {
      headSha,
      identity: ctx.identity,
      event: judged.event,
      panel,
      shownNew: judged.shownNew,
      documents: revision.documents,
      personaNames,
      linkFor: ctx.linkFor,
      followUp,
      dryRun: deps.dryRun,
      log,
    });
    backfillThreadIds(judged.ledger, threads);
  }
  const { reconciled } = judged;
  await commitLedger(ctx, {
    ledger: judged.ledger,
    changes: reconciled.changes,
    stillOpen: reconciled.stillOpen,
    previousSha: judged.previous.revisions.at(-1)?.sha ?? null,
    newIds: judged.newIds,
    notes: judged.notes,
    personaNames,
    summary: revision.summary,
    checkRunId,
    degraded: panel.degraded,
    dryRun: deps.dryRun,
    log,
  });
  if (config.reviewEvent === 'request-changes' && judged.event === 'COMMENT' && !deps.dryRun) await github.dismissChangeRequests(ctx.identity, headSha);
  log.info(
    { readiness: judged.readiness.readiness, open: judged.open.length, new: reconciled.newFindings.length, changes: reconciled.changes.length },
    'review complete',
  );
  return true;
}
