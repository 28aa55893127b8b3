import type { Logger } from 'pino';
import { fetchPullDocuments } from '../documents/fetch-pull-documents.js';
import type { FetchedDocuments, PullDocument } from '../documents/pull-document.js';
import type { PullGateway, PullSnapshot } from '../github/pull-gateway.js';
import { isResponseDocument } from '../ledger/is-response-document.js';
import { loadStoredLedger, type StoredLedger } from '../ledger/load-stored-ledger.js';
import { EMPTY_LEDGER, type Ledger } from '../ledger/schema.js';
import type { Persona } from '../personas/schema.js';
import type { SummaryComment } from '../github/pull-gateway.js';
import { renderFetchNotes } from '../publish/render-fetch-notes.js';
import type { ReviewJob } from '../queue/schema.js';
import type { JobDeps } from './job-deps.js';
import { loadPullContext, type PullContext } from './load-pull-context.js';

/** One revision of a pull request, read: what the panel judges and the ledger it is judged against. */
export interface Revision {
  ctx: PullContext;
  job: ReviewJob;
  checkRunId: number;
  /** The plan documents changed at the head (response documents set apart). */
  documents: PullDocument[];
  /** Response documents, answered after the revision is published. */
  responses: PullDocument[];
  fetched: FetchedDocuments;
  personas: Persona[];
  summary: SummaryComment | null;
  stored: StoredLedger;
  /** The stored ledger, or an empty one (a rebuilt one replaces it once the panel has run). */
  previous: Ledger;
  /** What the summary will say about this revision, in order. */
  notes: string[];
}

/**
 * PR, config, documents, personas and the previous ledger — or, when there is nothing to judge
 * (a draft, no plan document and no ledger), the check run completed saying so and the reason.
 */
export async function loadRevision(
  deps: JobDeps,
  github: PullGateway,
  job: ReviewJob,
  pr: PullSnapshot,
  checkRunId: number,
  log: Logger,
): Promise<Revision | { finished: string }> {
  const ctx = await loadPullContext(deps, github, pr);
  if (pr.draft && !ctx.config.drafts) {
    await github.completeCheck(checkRunId, {
      conclusion: 'neutral',
      title: 'Draft — not reviewed',
      summary: 'rfc-panel reviews this pull request when it is marked ready for review (or set `drafts: true`).',
    });
    return { finished: 'skipped: draft' };
  }
  const fetched = await fetchPullDocuments(github, { headSha: ctx.headSha, baseSha: pr.baseSha }, ctx.config);
  const notes = renderFetchNotes(fetched);
  const personas = await ctx.personas();
  const summary = await github.findSummary(ctx.identity);
  // A ledger that does not verify (edited by someone else) or is gone is rebuilt from the app's threads.
  const stored = await loadStoredLedger(github, ctx.identity, summary?.body ?? null, ctx.seal);
  if (stored.note) notes.push(stored.note);
  if (stored.state === 'forged') log.warn('the stored ledger does not verify; rebuilding it from the review threads');
  const previous = stored.ledger ?? EMPTY_LEDGER;
  const documents = fetched.documents.filter((d) => !isResponseDocument(d));
  if (documents.length === 0 && previous.entries.length === 0 && !stored.rebuild) {
    await github.completeCheck(checkRunId, {
      conclusion: 'neutral',
      title: 'No plan documents changed',
      summary: ['No changed file matches the configured plan paths.', ...notes.map((n) => `- ${n}`)].join('\n'),
    });
    return { finished: 'nothing to review' };
  }
  const responses = fetched.documents.filter((d) => isResponseDocument(d));
  return { ctx, job, checkRunId, documents, responses, fetched, personas, summary, stored, previous, notes };
}
