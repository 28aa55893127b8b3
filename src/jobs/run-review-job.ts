import { loadConfig } from '../config/load-config.js';
import { fetchPullDocuments } from '../documents/fetch-pull-documents.js';
import { mapErrorToOutcome } from '../errors/map-error-to-outcome.js';
import { callGitHub } from '../github/call-github.js';
import type { BotIdentity, PullRef } from '../github/types.js';
import { loadStoredLedger } from '../ledger/load-stored-ledger.js';
import { rebuildLedger } from '../ledger/rebuild-ledger.js';
import { checklistVerifier } from '../engines/checklist/checklist-verifier.js';
import { reconcileLedger } from '../ledger/reconcile-ledger.js';
import { EMPTY_LEDGER, type Ledger, type LedgerEntry, OPEN_STATUSES } from '../ledger/schema.js';
import { computeReadiness } from '../findings/readiness.js';
import { loadPersonas } from '../personas/load-personas.js';
import type { Persona } from '../personas/schema.js';
import type { PlanDocument } from '../documents/schema.js';
import type { Assistant } from '../ledger/assistant.js';
import type { Verdict } from '../ledger/verifier.js';
import { createOffThreadChecklistEngine } from '../engines/create-off-thread-checklist-engine.js';
import { loadRepoPersonas } from '../personas/load-repo-personas.js';
import { runPanel, sumUsage } from '../panel/run-panel.js';
import { answerResponse } from './run-response-job.js';
import { hasWriteAccess } from './load-pull-state.js';
import { parseResponse } from '../ledger/parse-response.js';
import type { Usage } from '../engines/types.js';
import { createSummariser } from '../panel/create-summariser.js';
import { completeCheckRun, noteRetry, startCheckRun } from '../publish/ensure-check-run.js';
import { ensureReview } from '../publish/ensure-review.js';
import { findSummaryComment } from '../publish/ensure-summary-comment.js';
import { dismissChangeRequests } from '../publish/dismiss-change-requests.js';
import { publishLedger } from '../publish/publish-ledger.js';
import { permalink } from '../publish/permalink.js';
import { planReviewComments } from '../publish/plan-review-comments.js';
import { renderSummaryMarkdown } from '../publish/render-summary-markdown.js';
import { publishThreadUpdates } from '../publish/publish-thread-updates.js';
import type { ReviewJob } from '../queue/schema.js';
import { type JobDeps, ledgerSealFor } from './job-deps.js';
import { prepareRevisions } from './prepare-revisions.js';
import { needsVerification } from '../ledger/needs-verification.js';
import { rememberSections } from '../ledger/remember-sections.js';
import { renderRevisionCost } from '../publish/render-revision-cost.js';

/**
 * One review of one revision, as a numbered pipeline:
 *   1 pull request now → 2 check run → 3 config → 4 documents → 5 personas → 6 panel →
 *   7 ledger → 8 still current? → 9 publish (review, thread updates, summary, check run).
 * Every failure ends in the check run saying what happened; retryable ones are thrown back to the queue.
 */
export async function runReviewJob(deps: JobDeps, job: ReviewJob, attempt: { final: boolean } = { final: true }): Promise<void> {
  const { octokit } = deps;
  const pull: PullRef = { owner: job.owner, repo: job.repo, pullNumber: job.pullNumber };
  const log = deps.log.child({ pull: `${job.owner}/${job.repo}#${job.pullNumber}`, delivery: job.deliveryId, trigger: job.trigger });

  // 1. The pull request as it is now: the webhook may be minutes old.
  let pr;
  try {
    ({ data: pr } = await callGitHub('reading the pull request', () => octokit.rest.pulls.get({ owner: pull.owner, repo: pull.repo, pull_number: pull.pullNumber })));
  } catch (error) {
    return failBeforeStart(deps, pull, job.headSha, error, attempt, log);
  }
  if (pr.state !== 'open') return log.info({ state: pr.state }, 'skipped: pull request is not open');
  if (pr.user?.type === 'Bot') return log.info({ author: pr.user.login }, 'skipped: opened by a bot');
  const headSha = pr.head.sha;
  // A comment command can cost a paid review: only the author and writers may ask for one.
  if (job.trigger === 'command' && job.requestedBy && job.requestedBy.toLowerCase() !== (pr.user?.login ?? '').toLowerCase() && !(await hasWriteAccess(deps, pull, job.requestedBy))) {
    return log.info({ requestedBy: job.requestedBy }, 'skipped: /rfc-panel review from someone without write access');
  }
  if (job.headSha !== null && job.headSha !== headSha && !job.force) {
    return log.info({ jobHead: job.headSha, head: headSha }, 'skipped: a newer push is queued for review');
  }

  // 2. Check run: visible progress, and the app's identity for trusting its own markers.
  const run = await startCheckRun(octokit, pull, headSha);
  let responsesToAnswer: Array<{ text: string; path: string }> = [];
  try {
    const identity: BotIdentity = await deps.identity();
    // 3. Config from the default branch, validated.
    const config = await loadConfig(octokit, pull.owner, pull.repo);
    if (pr.draft && !config.drafts) {
      await completeCheckRun(octokit, pull, run.id, { conclusion: 'neutral', title: 'Draft — not reviewed', summary: 'rfc-panel reviews this pull request when it is marked ready for review (or set `drafts: true`).' });
      return log.info('skipped: draft');
    }

    // 4. Plan documents changed in the PR, at head and base.
    const fetchedAll = await fetchPullDocuments(octokit, { ...pull, headSha, baseSha: pr.base.sha }, config);
    // An author's response to the review (seed style "Findings Addressed … Location: Lines a–b") is
    // checked against the ledger after this revision is published, not reviewed as a plan.
    const isResponse = (d: { path: string; doc: { text: string } }): boolean => /RESPONSE[^/]*\.md$/.test(d.path.split('/').pop() ?? '') && parseResponse(d.doc.text).length > 0;
    const responses = fetchedAll.documents.filter((d) => isResponse(d));
    const fetched = { ...fetchedAll, documents: fetchedAll.documents.filter((d) => !isResponse(d)) };
    const notes = fetched.skipped.map((s) => `${s.path} was not reviewed: ${s.reason}.`);
    if (fetched.filesListed >= 3000) notes.push('GitHub lists at most 3000 files of a pull request; documents beyond that were not seen.');

    // 5. Personas: built-in, plus the repository's own folder.
    const extra = config.reviewers.folder ? await loadRepoPersonas(octokit, pull.owner, pull.repo, config.reviewers.folder) : [];
    const personas = mergePersonas(loadPersonas(), extra);
    const personaNames = new Map(personas.map((p) => [p.id, p.name]));

    const summary = await findSummaryComment(octokit, pull, identity);
    // A ledger that does not verify (edited by someone else) or is gone is rebuilt below from the app's threads.
    const stored = await loadStoredLedger(octokit, pull, identity, summary?.body ?? null, ledgerSealFor(deps, pull));
    let previous: Ledger = stored.ledger ?? EMPTY_LEDGER;
    if (stored.note) notes.push(stored.note);
    if (stored.state === 'forged') log.warn('the stored ledger does not verify; rebuilding it from the review threads');
    if (fetched.documents.length === 0 && previous.entries.length === 0 && !stored.rebuild) {
      await completeCheckRun(octokit, pull, run.id, { conclusion: 'neutral', title: 'No plan documents changed', summary: ['No changed file matches the configured plan paths.', ...notes.map((n) => `- ${n}`)].join('\n') });
      return log.info('nothing to review');
    }

    // 6. The panel on every document, within budget: over it, the offline engine still reviews.
    const scope = { installationId: job.installationId, owner: pull.owner, repo: pull.repo, pullNumber: pull.pullNumber };
    const allowance = deps.budget ? await deps.budget.check(scope) : { allowed: true, reason: null };
    const offline = createOffThreadChecklistEngine(undefined, { templateRequirements: config.templates });
    const engines = allowance.allowed ? await deps.createEngines(config) : [offline];
    if (!allowance.allowed) notes.push(`${allowance.reason ?? 'The review budget is spent'}; this revision was reviewed by the offline checklist only.`);
    // A revision is reviewed by what changed since the last reviewed one (see prepare-revisions.ts).
    const prepared = await prepareRevisions(octokit, pull, previous, fetched.documents, { full: job.full === true });
    const incremental = fetched.documents.length > 0 && prepared.revisions.size === fetched.documents.length;
    notes.push(...prepared.notes);
    const summaryUsage: Usage[] = [];
    const panel = await runPanel(fetched.documents.map((d) => d.doc), {
      engines, personas, only: config.reviewers.enable, disabled: config.reviewers.disable, caps: config.caps, revisions: prepared.revisions,
      // A follow-up review's body lists a few new findings: the deterministic summary says enough, for free.
      summarise: createSummariser(allowance.allowed && !incremental ? config.engine : 'checklist', { env: deps.env, model: config.model }, (u) => summaryUsage.push(u)),
      // Earlier attempts fail on an outage and are retried; the last one reviews offline rather than not at all.
      fallbackOnOutage: attempt.final,
      fallback: offline,
    });
    notes.push(...panel.notes);
    if (panel.dropped > 0) notes.push(`${panel.dropped} finding(s) the reviewers raised on unchanged text were dropped: a revision is reviewed on what changed.`);
    if (stored.rebuild) previous = rebuildLedger(stored.threads, [...panel.findings, ...panel.held], headSha, deps.now().toISOString());
    await deps.budget?.record(scope, panel.usage);
    deps.metrics?.record({ type: 'usage', usage: panel.usage });

    // Findings only a model can re-judge are verified by the model (one call per persona).
    const assistant = allowance.allowed && deps.createAssistant ? await deps.createAssistant(config) : null;
    const verification = assistant
      ? await verifyModelFindings(assistant, previous, fetched.documents.map((d) => d.doc), personas, notes, log, (e, doc) => !panel.verdicts.has(e.finding.id) && needsVerification(e, doc, prepared.scopes.get(doc.path)))
      : { verdicts: new Map<string, Verdict>(), usage: [] };
    // Findings on changed text were verified by their persona inside its incremental review call.
    const verdicts = new Map([...panel.verdicts, ...verification.verdicts]);
    const verificationUsage = sumUsage(verification.usage);
    if (verification.usage.length > 0) {
      await deps.budget?.record(scope, verificationUsage);
      deps.metrics?.record({ type: 'usage', usage: verificationUsage });
    }

    // 7. Ledger: relocate, verify and update every finding; separate what is new.
    const at = deps.now().toISOString();
    const renamed = new Map(fetched.documents.filter((d) => d.previousPath).map((d) => [d.previousPath!, d.path]));
    const reconciled = reconcileLedger({
      previous,
      current: [...panel.findings, ...panel.held],
      documents: new Map(fetched.documents.map((d) => [d.path, d.doc])),
      renamed,
      // Findings on a document the PR deletes, or no longer changes, are superseded (the listing is
      // only complete below GitHub's 3000-file cap).
      deleted: new Set([...fetched.removed, ...(fetched.filesListed < 3000 ? previous.entries.map((e) => e.finding.anchor.path).filter((p) => !fetched.listedPaths.has(p)) : [])]),
      sha: headSha,
      at,
      verdicts,
      evidenceFor: checklistVerifier.evidenceFor,
      knownCheck: checklistVerifier.isKnownCheck,
    });
    const open = reconciled.ledger.entries.filter((e) => OPEN_STATUSES.has(e.status)).map((e) => e.finding);
    const readiness = computeReadiness(open);
    const review = { mode: incremental ? ('incremental' as const) : ('full' as const), usage: sumUsage([panel.usage, verificationUsage, ...summaryUsage]), partial: panel.runs.some((r) => r.status === 'failed') };
    // Held findings (beyond the caps, never posted) are the first a full ledger leaves out.
    const heldIds = new Set(panel.held.map((f) => f.id));
    for (const e of reconciled.ledger.entries) e.held = heldIds.has(e.finding.id) && e.threadCommentId === null;
    const ledger: Ledger = {
      ...reconciled.ledger,
      sectionCache: rememberSections(previous.sectionCache, panel.reviewed, reconciled.ledger.entries),
      revisions: [...reconciled.ledger.revisions.filter((r) => r.sha !== headSha), { sha: headSha, at, readiness: readiness.readiness, verdict: readiness.verdict, open: { critical: readiness.critical, important: readiness.important, niceToHave: readiness.niceToHave }, review }],
    };
    const cost = renderRevisionCost(review, ledger.revisions.find((r) => r.review)?.review ?? null, { called: panel.runs.filter((r) => r.engine === 'claude' && r.status !== 'skipped').length, of: panel.runs.filter((r) => r.engine === 'claude').length, dropped: panel.dropped });
    if (cost) notes.push(cost);

    // 8. Still the head? A review of an old revision must not be posted as current.
    const { data: now } = await callGitHub('re-reading the pull request', () => octokit.rest.pulls.get({ owner: pull.owner, repo: pull.repo, pull_number: pull.pullNumber }));
    if (now.head.sha !== headSha) {
      await completeCheckRun(octokit, pull, run.id, { conclusion: 'neutral', title: `Superseded by ${now.head.sha.slice(0, 7)}`, summary: `A newer commit (${now.head.sha}) arrived while this revision was being reviewed; its review replaces this one.` });
      return log.info({ head: now.head.sha }, 'not posted: head moved during the review');
    }

    // 9. Publish: one review with the new findings, thread updates, the sticky summary, the check run.
    const repoUrl = pr.base.repo.html_url;
    const linkFor = (anchor: Parameters<typeof permalink>[2]) => permalink(repoUrl, headSha, anchor);
    const newIds = new Set(reconciled.newFindings.map((f) => f.id));
    const shownNew = panel.findings.filter((f) => newIds.has(f.id));
    const criticalOpen = open.some((f) => f.severity === 'critical');
    let threads = new Map<string, number>();
    if (shownNew.length > 0 || previous.entries.length === 0) {
      const { inline, elsewhere } = planReviewComments(shownNew, fetched.documents, personaNames);
      const review = await ensureReview(octokit, {
        pull, headSha, identity, log, dryRun: deps.dryRun,
        event: config.reviewEvent === 'request-changes' && criticalOpen ? 'REQUEST_CHANGES' : 'COMMENT',
        inline, elsewhere,
        findingsById: new Map(shownNew.map((f) => [f.id, f])),
        renderBody: (outside) => renderReviewBody(panel, shownNew, outside, linkFor, previous.entries.length > 0),
      });
      threads = review.threads;
      log.info({ status: review.status, inline: inline.length - review.demoted.length, summaryOnly: elsewhere.length + review.demoted.length }, 'review published');
    }
    for (const entry of ledger.entries) {
      const thread = threads.get(entry.finding.id);
      if (thread !== undefined && entry.threadCommentId === null) entry.threadCommentId = thread;
    }
    const threadResult = await publishThreadUpdates(octokit, { pull, headSha, ledger, changes: reconciled.changes, stillOpen: reconciled.stillOpen, identity, dryRun: deps.dryRun, log });
    await publishLedger(octokit, {
      pull, headSha, identity, ledger, previousSha: previous.revisions.at(-1)?.sha ?? null, changes: reconciled.changes, newIds, config, personaNames, linkFor,
      notes, threadsResolvable: threadResult.resolvable, existing: summary, checkRunId: run.id, dryRun: deps.dryRun, degraded: panel.degraded, seal: ledgerSealFor(deps, pull),
    });
    if (config.reviewEvent === 'request-changes' && !criticalOpen && !deps.dryRun) await dismissChangeRequests(octokit, pull, identity, headSha);
    log.info({ readiness: readiness.readiness, open: open.length, new: reconciled.newFindings.length, changes: reconciled.changes.length }, 'review complete');
    responsesToAnswer = responses.map((r) => ({ text: r.doc.text, path: r.path }));
  } catch (error) {
    const outcome = mapErrorToOutcome(error, attempt);
    log.warn({ err: error, title: outcome.title }, 'review failed');
    // A retry picks the same run up again (it is still open); only a final failure completes it.
    const report = outcome.retry
      ? noteRetry(octokit, pull, run.id, outcome)
      : completeCheckRun(octokit, pull, run.id, { conclusion: outcome.conclusion, title: outcome.title, summary: outcome.summary });
    await report.catch((e: unknown) => log.error({ err: e }, 'could not report the failure on the check run'));
    if (outcome.retry) throw error;
  }

  // After the review is published and the gate set: a response document's failure must not undo them.
  for (const response of responsesToAnswer) {
    await answerResponse(deps, pull, response.text, pr.user?.login ?? '', log, `\`${response.path}\``).catch((error: unknown) => log.warn({ err: error, path: response.path }, 'could not check the response document'));
  }
}

/** A failure before the check run started still ends in one — on the final attempt, on the head the event named. */
async function failBeforeStart(deps: JobDeps, pull: PullRef, headSha: string | null, error: unknown, attempt: { final: boolean }, log: JobDeps['log']): Promise<void> {
  const outcome = mapErrorToOutcome(error, attempt);
  log.warn({ err: error, title: outcome.title }, 'review failed before it started');
  if (headSha !== null && !outcome.retry) {
    try {
      const run = await startCheckRun(deps.octokit, pull, headSha);
      await completeCheckRun(deps.octokit, pull, run.id, { conclusion: outcome.conclusion, title: outcome.title, summary: outcome.summary });
    } catch (reportError) {
      log.error({ err: reportError }, 'could not report the failure on the check run');
    }
  }
  // The job did fail: the queue retries it or records it as failed (after the check run says why).
  throw error;
}

async function verifyModelFindings(
  assistant: Assistant,
  ledger: Ledger,
  docs: PlanDocument[],
  personas: Persona[],
  notes: string[],
  log: JobDeps['log'],
  needsCall: (entry: LedgerEntry, doc: PlanDocument) => boolean = () => true,
): Promise<{ verdicts: Map<string, Verdict>; usage: Usage[] }> {
  const verdicts = new Map<string, Verdict>();
  const usage: Usage[] = [];
  const pending = ledger.entries.filter((e) => OPEN_STATUSES.has(e.status) && !e.finding.engines.includes('checklist'));
  for (const doc of docs) {
    const byPersona = new Map<string, LedgerEntry[]>();
    for (const e of pending.filter((x) => x.finding.anchor.path === doc.path && needsCall(x, doc))) {
      const id = e.finding.personas[0] ?? 'staff-engineer';
      byPersona.set(id, [...(byPersona.get(id) ?? []), e]);
    }
    await Promise.all(
      [...byPersona].map(async ([id, entries]) => {
        const persona = personas.find((p) => p.id === id) ?? personas[0];
        if (!persona) return;
        try {
          const { verdicts: found, usage: spent } = await assistant.verify(doc, persona, entries);
          usage.push(spent);
          for (const [k, v] of found) verdicts.set(k, v);
        } catch (error) {
          log.warn({ err: error, persona: id }, 'verification failed');
          notes.push(`Could not verify ${entries.length} finding(s) of ${persona.name} on this revision; they stay open.`);
        }
      }),
    );
  }
  return { verdicts, usage };
}

function mergePersonas<T extends { id: string }>(base: T[], extra: T[]): T[] {
  const byId = new Map(base.map((p) => [p.id, p]));
  for (const p of extra) byId.set(p.id, p);
  return [...byId.values()];
}

function renderReviewBody(
  panel: Awaited<ReturnType<typeof runPanel>>,
  shownNew: typeof panel.findings,
  outside: typeof panel.findings,
  linkFor: (a: Parameters<typeof permalink>[2]) => string,
  followUp: boolean,
): string {
  const body = renderSummaryMarkdown({ ...panel, findings: shownNew }, { linkFor });
  const fallback = panel.degraded ? `> ⚠️ ${panel.degraded}; the offline checklist panel reviewed this revision instead.\n\n` : '';
  const lead = `${fallback}${followUp ? '_New findings on this revision; the sticky summary tracks every finding._\n\n' : ''}`;
  const tail = outside.length > 0 ? `\n\n${outside.length} finding(s) above concern lines outside this diff or whole sections; they are linked to the exact lines instead of commented inline.` : '';
  return `${lead}${body}${tail}`;
}
