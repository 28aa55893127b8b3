export interface TokenBudget {
  readonly limit: number;
  /** Hold `tokens` for a call about to be made; false (nothing held) when it would overrun. */
  tryReserve(tokens: number): boolean;
  /** A call finished (or failed): release what it held and count what it really used. */
  settle(reserved: number, used: number): void;
  /** Tokens reported by finished calls. */
  used(): number;
}

/**
 * The hard cap on tokens per review. Every call reserves its estimated input plus its max_tokens
 * before it is sent, so concurrent calls can never jointly overrun the cap on estimates; replies
 * then settle with the usage the API reports.
 */
export function createTokenBudget(limit: number): TokenBudget {
  let reserved = 0;
  let used = 0;
  return {
    limit,
    tryReserve(tokens) {
      if (used + reserved + tokens > limit) return false;
      reserved += tokens;
      return true;
    },
    settle(held, actual) {
      reserved = Math.max(0, reserved - held);
      used += actual;
    },
    used: () => used,
  };
}
