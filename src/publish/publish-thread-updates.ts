import type { Logger } from 'pino';
import { isOwnComment } from '../github/is-own-comment.js';
import type { PullGateway } from '../github/pull-gateway.js';
import type { BotIdentity, PullRef } from '../github/types.js';
import type { ReconcileResult, StatusChangeReport } from '../ledger/reconcile-types.js';
import type { Ledger, LedgerEntry } from '../ledger/schema.js';
import { marker } from '../github/markers.js';
import { sanitiseMarkdown } from './sanitise-markdown.js';

export interface ThreadUpdateRequest {
  pull: PullRef;
  headSha: string;
  ledger: Ledger;
  changes: StatusChangeReport[];
  stillOpen: ReconcileResult['stillOpen'];
  identity: BotIdentity;
  dryRun: boolean;
  log: Logger;
}

interface Reply {
  entry: LedgerEntry;
  kind: string;
  body: string;
  resolve: boolean | null;
}

/** " (line 7)" / " (lines 7–9)" after an evidence quote; empty without lines. */
export function linesText(lines: [number, number] | null): string {
  if (!lines) return '';
  return lines[0] === lines[1] ? ` (line ${lines[0]})` : ` (lines ${lines[0]}–${lines[1]})`;
}

/** What a thread should hear about a status change decided from the text. */
export function threadReplies(request: Pick<ThreadUpdateRequest, 'headSha' | 'changes' | 'stillOpen'>): Reply[] {
  const short = request.headSha.slice(0, 7);
  const replies: Reply[] = [];
  const forChange = (c: StatusChangeReport): Reply | null => {
    if (c.change.by !== null) return null;
    const note = c.change.note ? sanitiseMarkdown(c.change.note) : null;
    if (c.to === 'addressed')
      return {
        entry: c.entry,
        kind: `addressed-${short}`,
        body: `✅ Addressed in \`${short}\`: ${note ?? 'the concern no longer applies'}${linesText(c.change.lines)}. Resolving this thread.`,
        resolve: true,
      };
    if (c.to === 'regressed')
      return {
        entry: c.entry,
        kind: `regressed-${short}`,
        body: `⚠️ This is back in \`${short}\`${linesText(c.change.lines)}: the fix made earlier is no longer in the text. Reopening.`,
        resolve: false,
      };
    if (c.to === 'superseded')
      return {
        entry: c.entry,
        kind: `superseded-${short}`,
        body: `➖ No longer applies in \`${short}\`: ${note ?? 'the text it concerned is gone'}.`,
        resolve: true,
      };
    return null;
  };
  for (const c of request.changes) {
    const r = forChange(c);
    if (r && r.entry.threadCommentId !== null) replies.push(r);
  }
  for (const { entry, missing } of request.stillOpen) {
    if (entry.threadCommentId === null || entry.claim === null) continue;
    replies.push({
      entry,
      kind: `still-open-${short}`,
      body: `⏳ Checked \`${short}\`: not fixed yet. ${missing ? `Still missing: ${sanitiseMarkdown(missing)}` : 'The concern still applies to this text.'}`,
      resolve: null,
    });
  }
  return replies;
}

/**
 * Reply in each affected finding's thread and resolve (or reopen) it. Replies carry a marker so a
 * retried job does not say the same thing twice. Resolving needs a permission some installs lack:
 * then the reply stands alone and the summary says so.
 */
export async function publishThreadUpdates(
  github: Pick<PullGateway, 'listReviewComments' | 'postComment' | 'syncThreads'>,
  request: ThreadUpdateRequest,
): Promise<{ resolvable: boolean; replies: number; resolved: number }> {
  const replies = threadReplies(request);
  if (replies.length === 0 || request.dryRun) {
    if (request.dryRun && replies.length > 0) request.log.info({ replies: replies.map((r) => r.kind) }, 'dry run: thread replies not posted');
    return { resolvable: true, replies: 0, resolved: 0 };
  }
  const existing = await github.listReviewComments();
  const said = new Set(existing.filter((c) => isOwnComment(c, request.identity)).map((c) => c.body ?? ''));
  let posted = 0;
  for (const r of replies) {
    const tag = marker.reply(r.entry.finding.id, r.kind);
    if ([...said].some((b) => b.includes(tag))) continue;
    await github.postComment({ kind: 'reply', replyTo: r.entry.threadCommentId! }, `${r.body}\n\n${tag}`, tag, request.identity);
    posted++;
    if (r.kind.startsWith('still-open')) r.entry.claim = null;
  }

  const toChange = replies.filter((r) => r.resolve !== null && r.entry.resolved !== r.resolve);
  if (toChange.length === 0) return { resolvable: true, replies: posted, resolved: 0 };
  const wanted = new Map(toChange.map((r) => [r.entry.threadCommentId!, r.resolve!]));
  const { resolvable, threadIds } = await github.syncThreads(wanted);
  if (!resolvable) request.log.warn('cannot resolve review threads; replied only');
  let resolved = 0;
  for (const r of toChange) {
    const id = threadIds.get(r.entry.threadCommentId!);
    if (!resolvable || id === undefined) continue;
    r.entry.threadNodeId = id;
    r.entry.resolved = r.resolve!;
    resolved++;
  }
  return { resolvable, replies: posted, resolved };
}
