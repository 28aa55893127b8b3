import { callGitHub } from '../github/call-github.js';
import { isOwnComment } from '../github/is-own-comment.js';
import { listReviewThreads, setThreadResolved } from '../github/review-threads.js';
import { classifyReply, type ReplyIntent } from '../ledger/classify-reply.js';
import type { StatusChangeReport } from '../ledger/reconcile-ledger.js';
import type { FindingStatus, LedgerEntry } from '../ledger/schema.js';
import { verifyWithChecklist } from '../ledger/verify-with-checklist.js';
import { findingIdIn, marker } from '../publish/markers.js';
import { publishLedger } from '../publish/publish-ledger.js';
import { RECOMMENDATION_LABEL } from '../publish/labels.js';
import { sanitiseMarkdown } from '../publish/sanitise-markdown.js';
import type { ReplyJob } from '../queue/schema.js';
import type { JobDeps } from './job-deps.js';
import { hasWriteAccess, loadPullState, type PullState } from './load-pull-state.js';

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

  // 2. The finding as the ledger knows it.
  const state = await loadPullState(deps, pull);
  const entry = state.ledger?.entries.find((e) => e.finding.id === findingId);
  if (!state.ledger || !entry) return log.info({ findingId }, 'reply to a finding the ledger does not hold');
  if (!entry.threadCommentId) entry.threadCommentId = root.id;

  // 3. What the reply means.
  const intent = classifyReply(job.body);
  log.info({ intent: intent.kind, findingId }, 'reply classified');

  // 4–5. Act within the commenter's rights, and answer.
  const act = await decide(deps, state, entry, intent, job);
  if (!act) return;
  const reply = `${act.reply}\n\n${marker.reply(entry.finding.id, `${act.kind}-${job.commentId}`)}`;
  if (!deps.dryRun) {
    await callGitHub('answering in the thread', () => octokit.rest.pulls.createReplyForReviewComment({ owner: pull.owner, repo: pull.repo, pull_number: pull.pullNumber, comment_id: root.id, body: reply }));
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
    try {
      const thread = (await listReviewThreads(octokit, pull)).find((t) => t.rootCommentId === root.id);
      if (thread && !thread.isResolved) await setThreadResolved(octokit, thread.id, true);
      entry.resolved = true;
    } catch (error) {
      if (!/resource not accessible|forbidden|permission/i.test((error as Error).message ?? '')) throw error;
      resolvable = false;
    }
  }
  await publishLedger(octokit, {
    pull, headSha: state.headSha, identity: state.identity, ledger: state.ledger, previousSha: state.ledger.revisions.at(-2)?.sha ?? null,
    changes, newIds: new Set(), config: state.config, personaNames: state.personaNames, linkFor: state.linkFor, notes: [],
    threadsResolvable: resolvable, existing: state.summary, checkRunId: null, dryRun: deps.dryRun,
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

async function decide(deps: JobDeps, state: PullState, entry: LedgerEntry, intent: ReplyIntent, job: ReplyJob): Promise<Action | null> {
  const who = sanitiseMarkdown(job.author);
  const short = state.headSha.slice(0, 7);
  switch (intent.kind) {
    case 'addressed': {
      if (entry.status !== 'open' && entry.status !== 'regressed') return { kind: 'noted', reply: `Thanks — this finding is already ${entry.status.replace('-', ' ')}.`, by: null, note: null, lines: null };
      const doc = await state.readDocument(entry.finding.anchor.path);
      const verdict = doc ? await verifyWithChecklist(entry, doc) : null;
      if (verdict?.verdict === 'addressed') {
        const lines = verdict.evidence?.lines ?? null;
        const where = lines ? ` (lines ${lines[0]}–${lines[1]})` : '';
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
      const writer = await hasWriteAccess(deps, state.pull, job.author);
      const allowed = writer || (isAuthor && (!critical || state.config.acceptCritical === 'author-or-writer'));
      if (!allowed) {
        const need = critical && isAuthor ? 'a Critical finding can be accepted as a risk only by someone with write access' : 'only the pull request author or someone with write access can accept a finding as a risk';
        return { kind: 'refused', reply: `Thanks for the input, ${who}. I have not changed this finding: ${need}.`, by: null, note: null, lines: null };
      }
      if (!intent.reason) return { kind: 'need-reason', reply: `Please give the reason so it is on record: reply \`won't fix: <reason>\`.`, by: null, note: null, lines: null };
      return { kind: 'accepted', reply: `🤝 Recorded as an accepted risk by ${who}: “${sanitiseMarkdown(intent.reason)}”. It no longer counts against the merge gate.`, status: 'accepted-risk', by: job.author, note: intent.reason, lines: null, resolve: true };
    }
    case 'withdraw': {
      const writer = await hasWriteAccess(deps, state.pull, job.author);
      if (!writer) return { kind: 'refused', reply: `Only someone with write access can withdraw a finding.`, by: null, note: null, lines: null };
      return { kind: 'withdrawn', reply: `↩️ Withdrawn by ${who}.`, status: 'withdrawn', by: job.author, note: 'withdrawn on request', lines: null, resolve: true };
    }
    case 'question':
    case 'disagreement': {
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
