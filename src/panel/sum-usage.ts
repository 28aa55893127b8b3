import { type Usage, ZERO_USAGE } from '../engines/types.js';

export function sumUsage(items: Usage[]): Usage {
  return items.reduce(
    (acc, u) => ({
      inputTokens: acc.inputTokens + u.inputTokens,
      outputTokens: acc.outputTokens + u.outputTokens,
      cacheCreationInputTokens: acc.cacheCreationInputTokens + u.cacheCreationInputTokens,
      cacheReadInputTokens: acc.cacheReadInputTokens + u.cacheReadInputTokens,
      costUsd: acc.costUsd + u.costUsd,
    }),
    ZERO_USAGE,
  );
}
