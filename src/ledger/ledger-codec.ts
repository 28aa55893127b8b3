import { createHmac } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { SEVERITY_RANK } from '../findings/schema.js';
import { type Ledger, type LedgerEntry, LedgerSchema, OPEN_STATUSES } from './schema.js';

const PREFIX = '<!-- rfc-panel:ledger ';
const SUFFIX = ' -->';

/**
 * Characters the encoded ledger may take in the sticky comment (GitHub's limit is 65,536 for the
 * whole body): the rest is the readable summary. A ledger that would not fit is compacted, never
 * refused by GitHub — a lost ledger re-posts every finding on the next push.
 */
export const LEDGER_BUDGET_CHARS = 45_000;

/** What ties a ledger to the app and to one pull request: an HMAC key and the PR it belongs to. */
export interface LedgerSeal {
  key: Buffer;
  /** `owner/repo#number`, lower case: a ledger copied from another PR does not verify here. */
  pull: string;
}

export function sealLedgerPayload(seal: LedgerSeal, payload: string): string {
  return createHmac('sha256', seal.key).update(`${seal.pull}\n${payload}`).digest('hex');
}

/**
 * The ledger rides in the app's sticky summary comment, compressed and, when the app has a secret,
 * signed (see read-ledger.ts): repository writers can edit the app's comments, so "only the app
 * writes it" is enforced by the signature, not by GitHub.
 */
export function encodeLedger(ledger: Ledger, seal: LedgerSeal | null = null, budget = LEDGER_BUDGET_CHARS): string {
  const wrap = (l: Ledger): string => {
    const json = JSON.stringify(l);
    // Deflating megabytes costs the loop a second per level: JSON this large cannot fit (ledgers
    // deflate about 10:1), so the level is skipped without compressing it.
    if (json.length > budget * 30) return `${PREFIX}${'x'.repeat(budget + 1)}${SUFFIX}`;
    const payload = deflateRawSync(Buffer.from(json, 'utf8')).toString('base64');
    return `${PREFIX}${payload}${seal ? ` sig=${sealLedgerPayload(seal, payload)}` : ''}${SUFFIX}`;
  };
  let text = wrap(compact(ledger, 0));
  for (let level = 1; text.length > budget && level <= MAX_LEVEL; level++) text = wrap(compact(ledger, level));
  // Still too large: drop what can be found again (closed, then the least severe open findings without a thread).
  if (text.length > budget) {
    const base = compact(ledger, MAX_LEVEL);
    let keep = base.entries.length;
    while (text.length > budget && keep > 0) {
      keep = Math.floor(keep * Math.min(0.9, budget / text.length));
      text = wrap(dropTo(base, keep));
    }
  }
  return text;
}

const clip = (text: string | null, max: number): string | null => (text !== null && text.length > max ? `${text.slice(0, max - 1)}…` : text);
const MAX_LEVEL = 3;
const CLOSED = (e: LedgerEntry): boolean => !OPEN_STATUSES.has(e.status) && e.status !== 'accepted-risk';

/**
 * What the ledger must remember is which finding, where, and its fate; the full wording lives in
 * the finding's thread and review. Quotes are kept whole: relocation needs them. Levels:
 *   0 long bodies and notes trimmed, posted suggestions dropped;
 *   1 closed findings keep no body and their last two changes, every history its last five;
 *   2 held findings (beyond the caps, never posted) leave, counted by severity for the gate;
 *   3 no bodies at all, short titles, two changes each, the last ten revisions.
 */
function compact(ledger: Ledger, level: number): Ledger {
  let entries = ledger.entries.map((e) => ({
    ...e,
    finding: { ...e.finding, body: level >= 3 || (level >= 1 && CLOSED(e)) ? '' : clip(e.finding.body, 600) ?? '', suggestion: null, title: level >= 3 ? clip(e.finding.title, 100) ?? '' : e.finding.title },
    history: e.history.slice(level >= 3 || (level >= 1 && CLOSED(e)) ? -2 : level >= 1 ? -5 : 0).map((h) => ({ ...h, note: clip(h.note, 300) })),
  }));
  const dropped = { ...(ledger.dropped ?? { critical: 0, important: 0, niceToHave: 0 }) };
  if (level >= 2) {
    for (const e of entries) if (e.held && OPEN_STATUSES.has(e.status)) count(dropped, e);
    entries = entries.filter((e) => !e.held);
  }
  return { ...ledger, revisions: level >= 3 ? ledger.revisions.slice(-10) : ledger.revisions, entries, dropped };
}

function count(dropped: Ledger['dropped'], e: LedgerEntry): void {
  if (e.finding.severity === 'critical') dropped.critical++;
  else if (e.finding.severity === 'important') dropped.important++;
  else dropped.niceToHave++;
}

/**
 * Keep `keep` entries: findings with a thread or an accepted risk are kept before anything else,
 * then open before closed, more severe before less; open ones dropped are counted for the gate.
 */
function dropTo(ledger: Ledger, keep: number): Ledger {
  const weight = (e: LedgerEntry): number =>
    (e.status === 'accepted-risk' || e.threadCommentId !== null ? 0 : 1000) + (OPEN_STATUSES.has(e.status) ? 0 : 100) + SEVERITY_RANK[e.finding.severity];
  const order = ledger.entries.map((e, i) => ({ e, i })).sort((a, b) => weight(a.e) - weight(b.e) || a.i - b.i);
  const kept = new Set(order.slice(0, keep).map((x) => x.i));
  const dropped = { ...ledger.dropped };
  ledger.entries.forEach((e, i) => {
    if (!kept.has(i) && OPEN_STATUSES.has(e.status)) count(dropped, e);
  });
  return { ...ledger, entries: ledger.entries.filter((_, i) => kept.has(i)), dropped };
}

/** The marker's payload and signature (null when unsigned), or null when the body has no ledger. */
export function splitLedgerMarker(body: string | null | undefined): { payload: string; sig: string | null } | null {
  const text = body ?? '';
  // The app appends the ledger last: an earlier look-alike in the same body is not ours.
  const start = text.lastIndexOf(PREFIX);
  if (start < 0) return null;
  const end = text.indexOf(SUFFIX, start + PREFIX.length);
  if (end < 0) return null;
  const [payload = '', sig = null] = text.slice(start + PREFIX.length, end).split(' sig=');
  return { payload, sig };
}

/** The payload as a ledger, or null when it cannot be read. */
export function parseLedgerPayload(payload: string): Ledger | null {
  try {
    const json = inflateRawSync(Buffer.from(payload, 'base64'), { maxOutputLength: 16 * 1024 * 1024 }).toString('utf8');
    const parsed = LedgerSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The ledger in a body, unverified (tests, diagnostics). The app reads ledgers through readLedger,
 * which checks the signature. Null when there is none or it cannot be read.
 */
export function decodeLedger(body: string | null | undefined): Ledger | null {
  const marker = splitLedgerMarker(body);
  return marker ? parseLedgerPayload(marker.payload) : null;
}
