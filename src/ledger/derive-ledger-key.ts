import { hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The key that signs ledgers, derived (HKDF-SHA256) from a secret only the app holds: the webhook
 * secret, else the App's private key. Never the secret itself, so a leaked ledger signature says
 * nothing about it. Null when neither is configured (the CLI, the Action): ledgers are then unsigned.
 */
export function deriveLedgerKey(env: NodeJS.ProcessEnv): Buffer | null {
  let secret = env.WEBHOOK_SECRET?.trim() || env.PRIVATE_KEY?.trim() || '';
  if (!secret && env.PRIVATE_KEY_PATH) {
    try {
      secret = readFileSync(env.PRIVATE_KEY_PATH, 'utf8').trim();
    } catch {
      secret = '';
    }
  }
  if (!secret) return null;
  return Buffer.from(hkdfSync('sha256', secret, 'rfc-panel', 'ledger-signature-v1', 32));
}
