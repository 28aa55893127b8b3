import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { type Ledger, LedgerSchema } from './schema.js';

const PREFIX = '<!-- rfc-panel:ledger ';
const SUFFIX = ' -->';

/**
 * The ledger rides in the app's sticky summary comment, compressed, where only the app's account
 * can write. A comment body holds 65,536 characters; deflate keeps a few hundred findings inside.
 */
export function encodeLedger(ledger: Ledger): string {
  return `${PREFIX}${deflateRawSync(Buffer.from(JSON.stringify(compact(ledger)), 'utf8')).toString('base64')}${SUFFIX}`;
}

const clip = (text: string | null, max: number): string | null => (text !== null && text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * What the ledger must remember is which finding, where, and its fate; the full wording lives in
 * the finding's thread and review. Long bodies and posted suggestions are trimmed so hundreds of
 * findings still fit in one comment. Quotes are kept whole: relocation needs them.
 */
function compact(ledger: Ledger): Ledger {
  return {
    ...ledger,
    entries: ledger.entries.map((e) => ({
      ...e,
      finding: { ...e.finding, body: clip(e.finding.body, 600) ?? '', suggestion: null },
      history: e.history.map((h) => ({ ...h, note: clip(h.note, 300) })),
    })),
  };
}

/** Null when there is no ledger or it cannot be read: the caller starts afresh rather than trust a damaged one. */
export function decodeLedger(body: string | null | undefined): Ledger | null {
  const text = body ?? '';
  // The app appends the ledger last: an earlier look-alike in the same body is not ours.
  const start = text.lastIndexOf(PREFIX);
  if (start < 0) return null;
  const end = text.indexOf(SUFFIX, start + PREFIX.length);
  if (end < 0) return null;
  try {
    const json = inflateRawSync(Buffer.from(text.slice(start + PREFIX.length, end), 'base64')).toString('utf8');
    const parsed = LedgerSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
