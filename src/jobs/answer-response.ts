import type { Logger } from 'pino';
import type { PlanDocument } from '../documents/schema.js';
import type { PullRef } from '../github/types.js';
import { applyClaimChecks } from '../ledger/apply-claim-checks.js';
import { checkResponseClaims } from '../ledger/check-response-claims.js';
import { parseResponse } from '../ledger/parse-response.js';
import { readSummaryLedger } from '../ledger/read-summary-ledger.js';
import { checklistVerifier } from '../engines/checklist/checklist-verifier.js';
import { commitLedger } from '../publish/commit-ledger.js';
import { marker } from '../github/markers.js';
import { renderResponseAnswer } from '../publish/render-response-answer.js';
import { gatewayFor, type JobDeps } from './job-deps.js';
import { loadPullContext } from './load-pull-context.js';

/** Items of one response that are checked; the rest are named, not checked. */
export const MAX_RESPONSE_CLAIMS = 100;

/**
 * A response (a PR comment, or a changed *RESPONSE*.md in the PR) checked against the ledger and
 * answered: each claimed fix is matched to its finding and checked at the claimed location. Only the
 * PR author's or a writer's claims change the ledger; anyone's are answered (bounded: each item may
 * read a document).
 */
export async function answerResponse(deps: JobDeps, pull: PullRef, text: string, author: string, log: Logger, source = 'this response'): Promise<void> {
  const items = parseResponse(text);
  const claims = items.slice(0, MAX_RESPONSE_CLAIMS);
  if (claims.length === 0) return log.debug('no claims in the comment');
  const ctx = await loadPullContext(deps, gatewayFor(deps, pull));
  const { github, headSha } = ctx;
  const { summary, ledger } = await readSummaryLedger(github, ctx.identity, ctx.seal);
  if (!ledger || ledger.entries.length === 0) return log.info('response to a pull request without findings');
  const mayDecide = author.toLowerCase() === ctx.pr.author.toLowerCase() || (await github.hasWriteAccess(author));

  const docs = new Map<string, Promise<PlanDocument | null>>();
  const checks = await checkResponseClaims(claims, ledger, async (entry) => {
    const path = entry.finding.anchor.path;
    if (!docs.has(path)) docs.set(path, ctx.readDocument(path));
    const doc = await docs.get(path)!;
    return { verdict: doc ? await checklistVerifier.verify(entry, doc) : null, doc };
  });
  const changes = mayDecide ? applyClaimChecks(ledger, checks, { sha: headSha, at: deps.now().toISOString(), by: author }) : [];

  const tag = marker.response(source, text);
  const body = renderResponseAnswer({ checks, source, headSha, items: items.length, checked: claims.length, mayDecide, tag });
  // Answered already: not posted again, but the result is still applied — a retry may be finishing
  // what a failed ledger write left undone.
  if (!deps.dryRun) await github.postOnce({ kind: 'issue' }, body, tag, ctx.identity);
  await commitLedger(ctx, {
    ledger,
    changes,
    previousSha: ledger.revisions.at(-2)?.sha ?? null,
    summary,
    dryRun: deps.dryRun,
    log,
    personaNames: new Map((await ctx.personas()).map((p) => [p.id, p.name])),
    // Each closed finding's thread hears it too, and is resolved (the same replies a push produces).
    threadChanges: changes.map((c) => ({ ...c, change: { ...c.change, by: null } })),
  });
  log.info({ claims: checks.length, closed: changes.length }, 'response checked');
}
