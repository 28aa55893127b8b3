import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { type Ledger, LedgerSchema } from './schema.js';

const PREFIX = '<!-- rfc-panel:ledger ';
const SUFFIX = ' -->';

/**
 * The ledger rides in the app's sticky summary comment, compressed, where only the app's account
 * can write. A comment body holds 65,536 characters; deflate keeps a few hundred findings inside.
 */
export function encodeLedger(ledger: Ledger): string {
  return `${PREFIX}${deflateRawSync(Buffer.from(JSON.stringify(ledger), 'utf8')).toString('base64')}${SUFFIX}`;
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
