import { isOwnComment } from '../github/is-own-comment.js';
import { checklistVerifier } from '../engines/checklist/checklist-verifier.js';
import { recordChange } from '../ledger/record-change.js';
import { commitLedger } from '../publish/commit-ledger.js';
import { findingIdIn, marker } from '../github/markers.js';
import { fitComment } from '../publish/fit-comment.js';
import { renderReply } from '../publish/render-reply.js';
import type { ReplyJob } from '../queue/schema.js';
import { createReplyModel } from './create-reply-model.js';
import { decideReply } from './decide-reply.js';
import { gatewayFor, type JobDeps } from './job-deps.js';
import { loadReplyThread } from './load-reply-thread.js';
import { readReply } from './read-reply.js';

/**
 * A reply in one of the app's finding threads: is it our thread, and not our own words → the
 * finding as the ledger knows it → what the reply means → what happens, within the commenter's
 * rights → the answer in the thread → the ledger committed (summary and gate).
 */
export async function runReplyJob(deps: JobDeps, job: ReplyJob): Promise<void> {
  const pull = { owner: job.owner, repo: job.repo, pullNumber: job.pullNumber };
  const github = gatewayFor(deps, pull);
  const log = deps.log.child({ pull: `${job.owner}/${job.repo}#${job.pullNumber}`, delivery: job.deliveryId, comment: job.commentId });
  const identity = await deps.identity();
  if (identity.login !== null && job.author.toLowerCase() === identity.login.toLowerCase()) return;
  const root = await github.getReviewComment(job.inReplyTo);
  if (!isOwnComment(root, identity)) return log.debug('not a thread of ours');
  const findingId = findingIdIn(root.body);
  if (!findingId) return;
  const thread = await loadReplyThread(deps, github, job, findingId, root.id, log);
  if (!thread) return;
  const { ctx, ledger, entry } = thread;

  const model = createReplyModel(deps, ctx, job, log);
  const { intent, inferred } = await readReply(job.body, entry, model);
  log.info({ intent: intent.kind, inferred, findingId }, 'reply classified');
  let writer: Promise<boolean> | null = null;
  const decision = await decideReply(entry, intent, {
    author: job.author,
    isAuthor: job.author.toLowerCase() === ctx.pr.author.toLowerCase(),
    inferred,
    at: deps.now().toISOString(),
    acceptCritical: ctx.config.acceptCritical,
    isWriter: () => (writer ??= github.hasWriteAccess(job.author)),
    verify: async () => {
      const doc = await ctx.readDocument(entry.finding.anchor.path);
      return doc ? ((await checklistVerifier.verify(entry, doc)) ?? (await model.verify(entry, doc))) : null;
    },
    answer: () => model.answer(entry, job.body),
  });
  if (!decision) return;

  const personaNames = new Map((await ctx.personas()).map((p) => [p.id, p.name]));
  const primary = entry.finding.personas[0];
  const tag = marker.reply(entry.finding.id, `${decision.kind}-${job.commentId}`);
  const reply = renderReply(decision.words, {
    who: job.author,
    headSha: ctx.headSha,
    finding: entry.finding,
    persona: personaNames.get(primary ?? '') ?? primary ?? 'the panel',
  });
  // A retried job (the ledger write failed after the answer went out) must not answer twice.
  if (!deps.dryRun) await github.postOnce({ kind: 'reply', replyTo: root.id }, `${fitComment(reply)}\n\n${tag}`, tag, ctx.identity);
  if (!decision.change) return;

  const { status, by, note, lines, resolve, claim } = decision.change;
  const report = recordChange(ledger, entry, { status, sha: ctx.headSha, at: deps.now().toISOString(), by, note, lines }, claim);
  await commitLedger(ctx, {
    ledger,
    changes: report.from === report.to ? [] : [report],
    threadChanges: [],
    resolve: resolve ? [report.entry] : [],
    previousSha: ledger.revisions.at(-2)?.sha ?? null,
    personaNames,
    summary: thread.summary,
    dryRun: deps.dryRun,
    log,
  });
}
