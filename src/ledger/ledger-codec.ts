import { createHmac } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { compactLedger, MAX_COMPACT_LEVEL } from './compact-ledger.js';
import { dropLedgerEntries } from './drop-ledger-entries.js';
import { type Ledger, LedgerSchema } from './schema.js';

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
  let text = wrap(compactLedger(ledger, 0));
  for (let level = 1; text.length > budget && level <= MAX_COMPACT_LEVEL; level++) text = wrap(compactLedger(ledger, level));
  // Still too large: drop what can be found again (closed, then the least severe open findings without a thread).
  if (text.length > budget) {
    const base = compactLedger(ledger, MAX_COMPACT_LEVEL);
    let keep = base.entries.length;
    while (text.length > budget && keep > 0) {
      keep = Math.floor(keep * Math.min(0.9, budget / text.length));
      text = wrap(dropLedgerEntries(base, keep));
    }
  }
  return text;
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
