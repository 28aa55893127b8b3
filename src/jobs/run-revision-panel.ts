import { createOffThreadChecklistEngine } from '../engines/create-off-thread-checklist-engine.js';
import type { Usage } from '../engines/types.js';
import { createSummariser } from '../panel/create-summariser.js';
import { type PanelResult, runPanel } from '../panel/run-panel.js';
import type { BudgetScope, JobDeps } from './job-deps.js';
import type { Revision } from './load-revision.js';
import { prepareRevisions, type PreparedRevisions } from './prepare-revisions.js';

export interface PanelRun {
  panel: PanelResult;
  prepared: PreparedRevisions;
  /** Every document reviewed by what changed since the last reviewed revision. */
  incremental: boolean;
  /** Within budget: the model may also verify. */
  allowed: boolean;
  summaryUsage: Usage[];
  scope: BudgetScope;
}

/**
 * The panel on every document, within budget (over it, the offline engine still reviews), full or
 * incremental per document (prepare-revisions.ts). Adds its notes to `notes`, and records its cost.
 */
export async function runRevisionPanel(deps: JobDeps, revision: Revision, attempt: { final: boolean }, notes: string[]): Promise<PanelRun> {
  const { ctx, job, documents } = revision;
  const { config } = ctx;
  const scope = { installationId: job.installationId, owner: ctx.pull.owner, repo: ctx.pull.repo, pullNumber: ctx.pull.pullNumber };
  const allowance = deps.budget ? await deps.budget.check(scope) : { allowed: true, reason: null };
  const offline = createOffThreadChecklistEngine(undefined, { templateRequirements: config.templates });
  const engines = allowance.allowed ? await deps.createEngines(config) : [offline];
  if (!allowance.allowed) notes.push(`${allowance.reason ?? 'The review budget is spent'}; this revision was reviewed by the offline checklist only.`);
  const prepared = await prepareRevisions(ctx.github, revision.previous, documents, { full: job.full === true, maxBytes: config.budgets.maxDocumentBytes });
  const incremental = documents.length > 0 && prepared.revisions.size === documents.length;
  notes.push(...prepared.notes);
  const summaryUsage: Usage[] = [];
  const panel = await runPanel(
    documents.map((d) => d.doc),
    {
      engines,
      personas: revision.personas,
      only: config.reviewers.enable,
      disabled: config.reviewers.disable,
      caps: config.caps,
      revisions: prepared.revisions,
      // A follow-up review's body lists a few new findings: the deterministic summary says enough, for free.
      summarise: createSummariser(allowance.allowed && !incremental ? config.engine : 'checklist', { env: deps.env, model: config.model }, (u) =>
        summaryUsage.push(u),
      ),
      // Earlier attempts fail on an outage and are retried; the last one reviews offline rather than not at all.
      fallbackOnOutage: attempt.final,
      fallback: offline,
    },
  );
  notes.push(...panel.notes);
  if (panel.dropped > 0) notes.push(`${panel.dropped} finding(s) the reviewers raised on unchanged text were dropped: a revision is reviewed on what changed.`);
  await deps.budget?.record(scope, panel.usage);
  deps.metrics?.record({ type: 'usage', usage: panel.usage });
  return { panel, prepared, incremental, allowed: allowance.allowed, summaryUsage, scope };
}
