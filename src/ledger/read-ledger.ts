import { timingSafeEqual } from 'node:crypto';
import { type LedgerSeal, parseLedgerPayload, sealLedgerPayload, splitLedgerMarker } from './ledger-codec.js';
import type { Ledger } from './schema.js';

export type LedgerState = 'absent' | 'verified' | 'unsealed' | 'unreadable' | 'forged';

/**
 * The ledger in the sticky comment, trusted only if the app's signature verifies. Writers can edit
 * the app's comments: a ledger changed by anyone but the app (Criticals made "accepted-risk", say)
 * is `forged` and not used; the caller rebuilds it from the app's own threads. Without a seal (no
 * secret: the CLI, the Action) ledgers are read unverified (`unsealed`).
 */
export function readLedger(body: string | null | undefined, seal: LedgerSeal | null): { ledger: Ledger | null; state: LedgerState } {
  const marker = splitLedgerMarker(body);
  if (!marker) return { ledger: null, state: 'absent' };
  if (seal) {
    const expected = Buffer.from(sealLedgerPayload(seal, marker.payload), 'hex');
    const given = Buffer.from(marker.sig ?? '', 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ledger: null, state: 'forged' };
  }
  const ledger = parseLedgerPayload(marker.payload);
  if (!ledger) return { ledger: null, state: 'unreadable' };
  return { ledger, state: seal ? 'verified' : 'unsealed' };
}
