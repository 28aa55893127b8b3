import { createHash } from 'node:crypto';
import type Anthropic from '@anthropic-ai/sdk';
import { estimateTokens } from './estimate-tokens.js';
import type { ResolvedClaudeOptions } from './schema.js';

/**
 * The first call on a prefix writes the prompt cache; calls on the same prefix that start while it
 * runs wait for its reply and then read the cache instead of each writing it (verification calls
 * of several personas on one document start together). Prefixes under the model's cache minimum
 * are never cached, so they never wait.
 */
export function createCacheGate(options: Pick<ResolvedClaudeOptions, 'warmCache' | 'minCacheableTokens'>, tools: Anthropic.Tool[]) {
  const written = new Map<string, Promise<void>>();
  return async <T>(system: Anthropic.TextBlockParam[], call: () => Promise<T>): Promise<T> => {
    const text = JSON.stringify([tools, system]);
    if (options.warmCache === 'off' || estimateTokens(text) < options.minCacheableTokens) return call();
    const key = createHash('sha256').update(text).digest('hex');
    const first = written.get(key);
    if (first) {
      await first;
      return call();
    }
    let done!: () => void;
    written.set(key, new Promise<void>((resolve) => (done = resolve)));
    try {
      return await call();
    } finally {
      done();
    }
  };
}
