import { callGitHub } from '../github/call-github.js';
import { findOwnComment } from '../github/find-own-comment.js';
import { isOwnComment } from '../github/is-own-comment.js';
import { writeOnce } from '../github/write-once.js';
import { syncThreadResolution } from '../github/review-threads.js';
import type { PlanDocument } from '../documents/schema.js';
import type { Assistant } from '../ledger/assistant.js';
import { classifyReply, type ReplyIntent } from '../ledger/classify-reply.js';
import type { StatusChangeReport } from '../ledger/reconcile-ledger.js';
import type { Verdict } from '../ledger/verifier.js';
import { type FindingStatus, type LedgerEntry, OPEN_STATUSES } from '../ledger/schema.js';
import { checklistVerifier } from '../engines/checklist/checklist-verifier.js';
import { loadPersonas } from '../personas/load-personas.js';
import { loadRepoPersonas } from '../personas/load-repo-personas.js';
import type { Persona } from '../personas/schema.js';
import { findingIdIn, marker } from '../publish/markers.js';
import { publishLedger } from '../publish/publish-ledger.js';
import { linesText } from '../publish/publish-thread-updates.js';
import { RECOMMENDATION_LABEL } from '../publish/labels.js';
import { sanitiseMarkdown } from '../publish/sanitise-markdown.js';
import type { ReplyJob } from '../queue/schema.js';
import type { JobDeps } from './job-deps.js';
import { hasWriteAccess, loadPullState, type PullState } from './load-pull-state.js';
import { runReviewJob } from './run-review-job.js';

/**
 * A reply in one of the app's finding threads:
 *   1 is it our thread, and not our own words → 2 the ledger entry → 3 what the reply means →
 *   4 act (verify now / record accepted risk / explain) within the commenter's rights →
 *   5 answer in the thread → 6 publish the ledger (summary and gate).
 */
export async function runReplyJob(deps: JobDeps, job: ReplyJob): Promise<void> {
  const { octokit } = deps;
  const pull = { owner: job.owner, repo: job.repo, pullNumber: job.pullNumber };
  const log = deps.log.child({ pull: `${job.owner}/${job.repo}#${job.pullNumber}`, delivery: job.deliveryId, comment: job.commentId });

  // 1. Only threads the app opened, and never its own replies.
  const identity = await deps.identity();
  if (identity.login !== null && job.author.toLowerCase() === identity.login.toLowerCase()) return;
  const { data: root } = await callGitHub('reading the thread', () => octokit.rest.pulls.getReviewComment({ owner: pull.owner, repo: pull.repo, comment_id: job.inReplyTo }));
  if (!isOwnComment(root, identity)) return log.debug('not a thread of ours');
  const findingId = findingIdIn(root.body);
  if (!findingId) return;

  // 2. The finding as the ledger knows it. No trustworthy ledger (the summary was deleted, or edited
  // by someone else) under one of our threads: rebuild it first with a review of the head — this job
  // runs in the PR's lane, so nothing interleaves — rather than drop what the reply says.
  let state = await loadPullState(deps, pull);
  if (!state.ledger && state.open) {
    log.warn({ findingId }, 'reply in a thread without a trustworthy ledger; rebuilding it with a review first');
    await runReviewJob(deps, { kind: 'review', deliveryId: `${job.deliveryId}:rebuild`, installationId: job.installationId, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber, headSha: null, trigger: 'recovered', force: true, requestedBy: null });
    state = await loadPullState(deps, pull);
  }
  const entry = state.ledger?.entries.find((e) => e.finding.id === findingId);
  if (!state.ledger || !entry) return log.info({ findingId }, 'reply to a finding the ledger does not hold');
  if (!entry.threadCommentId) entry.threadCommentId = root.id;

  // 3. What the reply means: the rules first; the model reads only what they leave open.
  const model = modelFor(deps, state, job, log);
  const { intent, inferred } = await readReply(job.body, entry, model);
  log.info({ intent: intent.kind, inferred, findingId }, 'reply classified');

  // 4–5. Act within the commenter's rights, and answer.
  const act = await decide(deps, state, entry, intent, job, { model, inferred, log });
  if (!act) return;
  const tag = marker.reply(entry.finding.id, `${act.kind}-${job.commentId}`);
  // The answer may echo the commenter's words (a reason, a model's reply to them): kept under GitHub's limit.
  const reply = `${act.reply.length > 60_000 ? `${act.reply.slice(0, 59_900)}…\n\n(shortened to GitHub's comment size limit)` : act.reply}\n\n${tag}`;
  if (!deps.dryRun) {
    // A retried job (the ledger write failed after the answer went out) must not answer twice.
    const said = await callGitHub('listing review comments', () => octokit.paginate(octokit.rest.pulls.listReviewComments, { owner: pull.owner, repo: pull.repo, pull_number: pull.pullNumber, per_page: 100 }));
    if (!said.some((c) => isOwnComment(c, state.identity) && (c.body ?? '').includes(tag))) {
      await writeOnce('answering in the thread', (noRetry) => octokit.rest.pulls.createReplyForReviewComment({ owner: pull.owner, repo: pull.repo, pull_number: pull.pullNumber, comment_id: root.id, body: reply, ...noRetry }), () => findOwnComment(octokit, pull, state.identity, tag));
    }
  }
  if (!act.status) return;

  // 6. Record the decision and publish the ledger; resolve the thread when the finding is settled.
  const at = deps.now().toISOString();
  const change = { status: act.status, sha: state.headSha, at, by: act.by, note: act.note, lines: act.lines };
  const from = entry.status;
  Object.assign(entry, { status: act.status, history: [...entry.history, change], claim: act.claim ?? null });
  const changes: StatusChangeReport[] = from === act.status ? [] : [{ entry, from, to: act.status, change }];
  let resolvable = true;
  if (act.resolve && !deps.dryRun) {
    const sync = await syncThreadResolution(octokit, pull, new Map([[root.id, true]]));
    resolvable = sync.resolvable;
    const id = sync.threadIds.get(root.id);
    if (resolvable && id !== undefined) Object.assign(entry, { resolved: true, threadNodeId: id });
  }
  await publishLedger(octokit, {
    pull, headSha: state.headSha, identity: state.identity, ledger: state.ledger, previousSha: state.ledger.revisions.at(-2)?.sha ?? null,
    changes, newIds: new Set(), config: state.config, personaNames: state.personaNames, linkFor: state.linkFor, notes: [],
    threadsResolvable: resolvable, existing: state.summary, checkRunId: null, dryRun: deps.dryRun, seal: state.seal,
  });
}

interface Action {
  kind: string;
  reply: string;
  status?: FindingStatus;
  by: string | null;
  note: string | null;
  lines: [number, number] | null;
  resolve?: boolean;
  claim?: { by: string; at: string } | null;
}

/** The assistant, created on first use and only within budget; null offline or when it cannot be made. */
type ModelSource = () => Promise<Assistant | null>;

function modelFor(deps: JobDeps, state: PullState, job: ReplyJob, log: JobDeps['log']): ModelSource {
  let made: ReturnType<ModelSource> | null = null;
  return () =>
    (made ??= (async () => {
      if (!deps.createAssistant) return null;
      const scope = { installationId: job.installationId, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber };
      if (deps.budget && !(await deps.budget.check(scope)).allowed) return null;
      return deps.createAssistant(state.config);
    })().catch((error: unknown) => {
      log.warn({ err: error }, 'no assistant for this reply; answering by rules');
      return null;
    }));
}

/**
 * The rules classify first. Explicit decisions ("won't fix", "/rfc-panel withdraw") and claims
 * of a fix stay with the rules: they are predictable and cost nothing. Only what the rules call
 * a question, a disagreement or nothing in particular is read by the model (one small call), and
 * its reading replaces the rules' when it has one. A decision the model reads into a reply
 * (`inferred`) never changes the ledger by itself: the commenter is asked to make it explicitly.
 */
async function readReply(body: string, entry: LedgerEntry, model: ModelSource): Promise<{ intent: ReplyIntent; inferred: boolean }> {
  const ruled = classifyReply(body);
  if (ruled.kind !== 'other' && ruled.kind !== 'question' && ruled.kind !== 'disagreement') return { intent: ruled, inferred: false };
  const assistant = await model();
  const read = assistant ? await assistant.classify(entry, body).catch(() => null) : null;
  return read ? { intent: read, inferred: true } : { intent: ruled, inferred: false };
}

async function personaOf(deps: JobDeps, state: PullState, entry: LedgerEntry): Promise<Persona | null> {
  const id = entry.finding.personas[0] ?? 'staff-engineer';
  const builtIn = loadPersonas();
  const folder = state.config.reviewers.folder;
  const extra = folder ? await loadRepoPersonas(deps.octokit, state.pull.owner, state.pull.repo, folder).catch(() => []) : [];
  return extra.find((p) => p.id === id) ?? builtIn.find((p) => p.id === id) ?? builtIn.find((p) => p.id === 'staff-engineer') ?? null;
}

/** A model-raised finding checked against the head by the model; null when it cannot say. */
async function verifyWithModel(deps: JobDeps, state: PullState, entry: LedgerEntry, doc: PlanDocument, job: ReplyJob, ctx: DecideContext): Promise<Verdict | null> {
  if (entry.finding.engines.includes('checklist')) return null;
  const assistant = await ctx.model();
  const persona = assistant ? await personaOf(deps, state, entry) : null;
  if (!assistant || !persona) return null;
  try {
    const { verdicts, usage } = await assistant.verify(doc, persona, [entry]);
    await deps.budget?.record({ installationId: job.installationId, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber }, usage);
    deps.metrics?.record({ type: 'usage', usage });
    return verdicts.get(entry.finding.id) ?? null;
  } catch (error) {
    ctx.log.warn({ err: error, findingId: entry.finding.id }, 'verification by the model failed');
    return null;
  }
}

interface DecideContext {
  model: ModelSource;
  /** The intent came from the model, not from the rules. */
  inferred: boolean;
  log: JobDeps['log'];
}

async function decide(deps: JobDeps, state: PullState, entry: LedgerEntry, intent: ReplyIntent, job: ReplyJob, ctx: DecideContext): Promise<Action | null> {
  const who = sanitiseMarkdown(job.author);
  const short = state.headSha.slice(0, 7);
  const mayDecide = async (): Promise<boolean> => {
    const isAuthor = job.author.toLowerCase() === state.author.toLowerCase();
    const critical = entry.finding.severity === 'critical';
    const writer = await hasWriteAccess(deps, state.pull, job.author);
    return writer || (isAuthor && (!critical || state.config.acceptCritical === 'author-or-writer'));
  };
  switch (intent.kind) {
    case 'addressed': {
      if (!OPEN_STATUSES.has(entry.status)) return { kind: 'noted', reply: `Thanks — this finding is already ${entry.status.replace('-', ' ')}.`, by: null, note: null, lines: null };
      // Only the author or a writer moves a finding (and spends a verification call); anyone else's
      // word is checked for free when the next revision is reviewed.
      const isAuthor = job.author.toLowerCase() === state.author.toLowerCase();
      if (!isAuthor && !(await hasWriteAccess(deps, state.pull, job.author))) {
        return { kind: 'noted', reply: `Thanks, ${who}. Every finding is re-checked against the text on each new revision; this one will be too.`, by: null, note: null, lines: null };
      }
      const doc = await state.readDocument(entry.finding.anchor.path);
      const verdict = doc ? ((await checklistVerifier.verify(entry, doc)) ?? (await verifyWithModel(deps, state, entry, doc, job, ctx))) : null;
      if (verdict?.verdict === 'addressed') {
        const lines = verdict.evidence?.lines ?? null;
        const where = linesText(lines);
        return { kind: 'verified', reply: `✅ Verified at \`${short}\`: ${sanitiseMarkdown(verdict.evidence?.note ?? 'the concern no longer applies')}${where}. Resolving this thread.`, status: 'addressed', by: job.author, note: verdict.evidence?.note ?? null, lines, resolve: true };
      }
      if (verdict) {
        return { kind: 'not-yet', reply: `⏳ Checked \`${short}\`: not fixed yet — ${sanitiseMarkdown(verdict.missing ?? 'the concern still applies')}. If the fix is in a commit you have not pushed yet, I'll check again when it arrives.`, status: entry.status, by: job.author, note: 'author says addressed; not yet in the text', lines: null, claim: { by: job.author, at: deps.now().toISOString() } };
      }
      return { kind: 'claimed', reply: `Noted. I'll verify it against the text on the next revision (push, **Re-review**, or \`/rfc-panel review\`).`, status: entry.status, by: job.author, note: 'author says addressed', lines: null, claim: { by: job.author, at: deps.now().toISOString() } };
    }
    case 'wont-fix': {
      const isAuthor = job.author.toLowerCase() === state.author.toLowerCase();
      const critical = entry.finding.severity === 'critical';
      const allowed = await mayDecide();
      if (!allowed) {
        const need = critical && isAuthor ? 'a Critical finding can be accepted as a risk only by someone with write access' : 'only the pull request author or someone with write access can accept a finding as a risk';
        return { kind: 'refused', reply: `Thanks for the input, ${who}. I have not changed this finding: ${need}.`, by: null, note: null, lines: null };
      }
      if (ctx.inferred) {
        const heard = intent.reason ? ` (“${sanitiseMarkdown(intent.reason)}”)` : '';
        return { kind: 'confirm-risk', reply: `It sounds like you would accept this as a risk${heard}. To put that on record, reply \`won't fix: <reason>\`; until then the finding stays open.`, by: null, note: null, lines: null };
      }
      if (!intent.reason) return { kind: 'need-reason', reply: `Please give the reason so it is on record: reply \`won't fix: <reason>\`.`, by: null, note: null, lines: null };
      return { kind: 'accepted', reply: `🤝 Recorded as an accepted risk by ${who}: “${sanitiseMarkdown(intent.reason)}”. It no longer counts against the merge gate.`, status: 'accepted-risk', by: job.author, note: intent.reason, lines: null, resolve: true };
    }
    case 'withdraw': {
      const writer = await hasWriteAccess(deps, state.pull, job.author);
      if (!writer) return { kind: 'refused', reply: `Only someone with write access can withdraw a finding.`, by: null, note: null, lines: null };
      if (ctx.inferred) return { kind: 'confirm-withdraw', reply: 'To withdraw this finding, reply `/rfc-panel withdraw`; until then it stays open.', by: null, note: null, lines: null };
      return { kind: 'withdrawn', reply: `↩️ Withdrawn by ${who}.`, status: 'withdrawn', by: job.author, note: 'withdrawn on request', lines: null, resolve: true };
    }
    case 'question':
    case 'disagreement': {
      const answered = await answerWithModel(deps, state, entry, job, ctx);
      if (answered) {
        const text = sanitiseMarkdown(answered.text);
        if (!answered.withdraw || !OPEN_STATUSES.has(entry.status)) return { kind: intent.kind, reply: text, by: null, note: null, lines: null };
        // The reviewer concedes, quoting where the plan covers it; only someone who may settle the finding makes it stick.
        if (!(await mayDecide())) return { kind: intent.kind, reply: `${text}\n\nThe finding stays open: only the pull request author or someone with write access can settle it.`, by: null, note: null, lines: null };
        const note = answered.text.replace(/\s+/g, ' ').trim();
        return { kind: 'conceded', reply: `${text}\n\n↩️ Withdrawn by the reviewer. Resolving this thread.`, status: 'withdrawn', by: null, note: note.length > 300 ? `${note.slice(0, 299)}…` : note, lines: null, resolve: true };
      }
      const f = entry.finding;
      const persona = state.personaNames.get(f.personas[0] ?? '') ?? f.personas[0] ?? 'the panel';
      const stance = intent.kind === 'disagreement' ? 'Here is the concern again so we can settle it' : 'Here is the reasoning';
      return {
        kind: intent.kind,
        reply: [
          `${stance} (${sanitiseMarkdown(persona)}): ${sanitiseMarkdown(f.body)}`,
          '',
          `**${RECOMMENDATION_LABEL[f.recommendation]}.** If the plan already covers this, quote where or push the change and I'll re-check it; if the risk is acceptable, the author or a maintainer can reply \`won't fix: <reason>\`${intent.kind === 'disagreement' ? ', or a maintainer can reply `/rfc-panel withdraw`' : ''}.`,
        ].join('\n'),
        by: null, note: null, lines: null,
      };
    }
    case 'other':
      return null;
  }
}

/** The persona's own answer, grounded in the document at the head; null when the model is not available or fails. */
async function answerWithModel(deps: JobDeps, state: PullState, entry: LedgerEntry, job: ReplyJob, ctx: DecideContext): Promise<{ text: string; withdraw: boolean } | null> {
  const assistant = await ctx.model();
  const persona = assistant ? await personaOf(deps, state, entry) : null;
  if (!assistant || !persona) return null;
  try {
    const doc = await state.readDocument(entry.finding.anchor.path);
    const answered = await assistant.answer(doc, persona, entry, job.body);
    return answered && answered.text.trim().length > 0 ? answered : null;
  } catch (error) {
    ctx.log.warn({ err: error, findingId: entry.finding.id }, 'the reviewer could not answer; answering by rules');
    return null;
  }
}
