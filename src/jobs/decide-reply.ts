import type { Config } from '../config/schema.js';
import type { ReplyIntent } from '../ledger/classify-reply.js';
import { maySettleFinding } from '../ledger/may-settle-finding.js';
import type { Verdict } from '../ledger/verifier.js';
import { type FindingStatus, type LedgerEntry, OPEN_STATUSES } from '../ledger/schema.js';
import type { ReplyWords } from '../publish/render-reply.js';

/** What a reply leads to: the answer (as data; publish/render-reply.ts words it) and any change to the finding. */
export interface ReplyDecision {
  /** Names the answer in its marker, so a retried job does not answer twice. */
  kind: string;
  words: ReplyWords;
  change?: { status: FindingStatus; by: string | null; note: string | null; lines: [number, number] | null; resolve: boolean; claim: LedgerEntry['claim'] };
}

export interface ReplyFacts {
  author: string;
  /** The commenter opened the pull request. */
  isAuthor: boolean;
  isWriter: () => Promise<boolean>;
  /** The intent came from the model, not from the rules. */
  inferred: boolean;
  at: string;
  acceptCritical: Config['acceptCritical'];
  /** The finding checked against the head now (checklist first, then the model); null when nothing can say. */
  verify: () => Promise<Verdict | null>;
  /** The finding's persona answering the reply; null without a model. */
  answer: () => Promise<{ text: string; withdraw: boolean } | null>;
}

const only = (kind: string, words: ReplyWords): ReplyDecision => ({ kind, words });

/** The permission policy for a reply: what happens to the finding, within the commenter's rights. */
export async function decideReply(entry: LedgerEntry, intent: ReplyIntent, facts: ReplyFacts): Promise<ReplyDecision | null> {
  const settle = async (): Promise<boolean> =>
    maySettleFinding({ isWriter: await facts.isWriter(), isAuthor: facts.isAuthor }, entry.finding.severity === 'critical', facts.acceptCritical);
  const claim = { by: facts.author, at: facts.at };
  switch (intent.kind) {
    case 'addressed': {
      if (!OPEN_STATUSES.has(entry.status)) return only('noted', { say: 'already-settled', status: entry.status });
      // Only the author or a writer moves a finding (and spends a verification call); anyone else's
      // word is checked for free when the next revision is reviewed.
      if (!facts.isAuthor && !(await facts.isWriter())) return only('noted', { say: 'bystander-claim' });
      const verdict = await facts.verify();
      if (verdict?.verdict === 'addressed') {
        const lines = verdict.evidence?.lines ?? null;
        return {
          kind: 'verified',
          words: { say: 'verified', note: verdict.evidence?.note ?? null, lines },
          change: { status: 'addressed', by: facts.author, note: verdict.evidence?.note ?? null, lines, resolve: true, claim: null },
        };
      }
      if (verdict)
        return {
          kind: 'not-yet',
          words: { say: 'not-yet', missing: verdict.missing ?? null },
          change: { status: entry.status, by: facts.author, note: 'author says addressed; not yet in the text', lines: null, resolve: false, claim },
        };
      return {
        kind: 'claimed',
        words: { say: 'claimed' },
        change: { status: entry.status, by: facts.author, note: 'author says addressed', lines: null, resolve: false, claim },
      };
    }
    case 'wont-fix': {
      if (!(await settle())) return only('refused', { say: 'refused-risk', criticalByAuthor: entry.finding.severity === 'critical' && facts.isAuthor });
      if (facts.inferred) return only('confirm-risk', { say: 'confirm-risk', reason: intent.reason });
      if (!intent.reason) return only('need-reason', { say: 'need-reason' });
      return {
        kind: 'accepted',
        words: { say: 'accepted', reason: intent.reason },
        change: { status: 'accepted-risk', by: facts.author, note: intent.reason, lines: null, resolve: true, claim: null },
      };
    }
    case 'withdraw': {
      if (!(await facts.isWriter())) return only('refused', { say: 'refused-withdraw' });
      if (facts.inferred) return only('confirm-withdraw', { say: 'confirm-withdraw' });
      return {
        kind: 'withdrawn',
        words: { say: 'withdrawn' },
        change: { status: 'withdrawn', by: facts.author, note: 'withdrawn on request', lines: null, resolve: true, claim: null },
      };
    }
    case 'question':
    case 'disagreement': {
      const answered = await facts.answer();
      if (!answered) return only(intent.kind, { say: 'explain', intent: intent.kind });
      if (!answered.withdraw || !OPEN_STATUSES.has(entry.status)) return only(intent.kind, { say: 'answer', text: answered.text, outcome: 'none' });
      // The reviewer concedes, quoting where the plan covers it; only someone who may settle the finding makes it stick.
      if (!(await settle())) return only(intent.kind, { say: 'answer', text: answered.text, outcome: 'stays-open' });
      const note = answered.text.replace(/\s+/g, ' ').trim();
      return {
        kind: 'conceded',
        words: { say: 'answer', text: answered.text, outcome: 'conceded' },
        change: { status: 'withdrawn', by: null, note: note.length > 300 ? `${note.slice(0, 299)}…` : note, lines: null, resolve: true, claim: null },
      };
    }
    case 'other':
      return null;
  }
}
