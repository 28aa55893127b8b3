import { isOwnComment } from '../github/is-own-comment.js';
import type { PullGateway } from '../github/pull-gateway.js';
import type { BotIdentity } from '../github/types.js';
import { findingIdIn } from '../github/markers.js';
import type { LedgerSeal } from './ledger-codec.js';
import { type LedgerState, readLedger } from './read-ledger.js';
import type { Ledger } from './schema.js';

/** A finding's thread as the app's own comments show it: the root, and the decisions it replied. */
export interface OwnThread {
  findingId: string;
  rootId: number;
  /** The app's replies that record a decision, oldest first, with who asked and why. */
  decisions: Array<{ kind: 'accepted' | 'withdrawn' | 'verified'; by: string | null; note: string | null }>;
}

export interface StoredLedger {
  ledger: Ledger | null;
  state: LedgerState;
  /** The app's threads on the PR, read only when the ledger must be rebuilt from them. */
  threads: OwnThread[];
  /** True when there is no trustworthy ledger but the app has reviewed this PR before. */
  rebuild: boolean;
  /** What the summary says about it; null when nothing happened. */
  note: string | null;
}

const REPLY = /<!-- rfc-panel:reply id=([0-9a-f]{12}) kind=([a-z-]+?)(?:-(\d+))? -->/g;
const DECISIONS: Record<string, OwnThread['decisions'][number]['kind']> = {
  accepted: 'accepted',
  withdrawn: 'withdrawn',
  conceded: 'withdrawn',
  verified: 'verified',
};

/**
 * The ledger from the sticky comment if it verifies; otherwise (deleted, edited by someone else,
 * unreadable) the app's own review threads, from which the review job rebuilds it: findings found
 * again are re-linked to their threads instead of being posted twice, and decisions the app
 * recorded in those threads (accepted risks with their reasons, withdrawals) are kept.
 */
export async function loadStoredLedger(
  github: Pick<PullGateway, 'listReviewComments'>,
  identity: BotIdentity,
  summaryBody: string | null,
  seal: LedgerSeal | null,
): Promise<StoredLedger> {
  const read = readLedger(summaryBody, seal);
  if (read.ledger) return { ...read, threads: [], rebuild: false, note: null };
  const comments = await github.listReviewComments();
  const byId = new Map(comments.map((c) => [c.id, c]));
  const threads = new Map<string, OwnThread>();
  for (const c of comments) {
    if (c.in_reply_to_id !== undefined || !isOwnComment(c, identity)) continue;
    const id = findingIdIn(c.body);
    if (id && !threads.has(id)) threads.set(id, { findingId: id, rootId: c.id, decisions: [] });
  }
  for (const c of comments) {
    if (c.in_reply_to_id === undefined || !isOwnComment(c, identity)) continue;
    for (const m of (c.body ?? '').matchAll(REPLY)) {
      const thread = threads.get(m[1]!);
      const kind = DECISIONS[m[2]!];
      if (!thread || !kind) continue;
      const asker = m[3] ? byId.get(Number(m[3])) : undefined;
      // The app quotes an accepted risk's reason as “…” in its reply.
      const reason = /“([^”]*)”/.exec(c.body ?? '')?.[1] ?? null;
      thread.decisions.push({ kind, by: asker?.user?.login ?? null, note: kind === 'accepted' ? reason : null });
    }
  }
  const rebuild = threads.size > 0;
  const why =
    read.state === 'forged'
      ? 'The ledger in this comment was changed by someone other than rfc-panel, so it was not trusted'
      : read.state === 'unreadable'
        ? 'The ledger in this comment could not be read'
        : 'The summary comment holding the ledger was missing';
  const accepted = [...threads.values()].filter((t) => t.decisions.at(-1)?.kind === 'accepted').length;
  return {
    ledger: null,
    state: read.state,
    threads: [...threads.values()],
    rebuild,
    note: rebuild
      ? `${why}: it was rebuilt from rfc-panel's own review threads (${threads.size} thread(s), ${accepted} accepted risk(s) kept).`
      : read.state === 'absent'
        ? null
        : `${why}; it was started afresh.`,
  };
}
