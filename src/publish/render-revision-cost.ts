import { billedInputTokens } from '../engines/claude/billed-input-tokens.js';
import type { RevisionReview } from '../ledger/schema.js';

const n = (x: number): string => Math.round(x).toLocaleString('en');
const usd = (x: number): string => `$${x < 0.01 ? x.toFixed(4) : x.toFixed(2)}`;

/**
 * The check run's line on what this revision cost, next to the first review's, so a team sees that
 * a small edit costs a small review. Null when no model ran on either.
 */
export function renderRevisionCost(
  current: RevisionReview,
  first: RevisionReview | null,
  detail: { called: number; of: number; dropped: number },
): string | null {
  const u = current.usage;
  const tokens = (x: RevisionReview['usage']): number => x.inputTokens + x.outputTokens + x.cacheCreationInputTokens + x.cacheReadInputTokens;
  // An offline-only repository has no model cost to compare.
  if (tokens(u) === 0 && (first === null || tokens(first.usage) === 0)) return null;
  const how =
    current.mode === 'incremental'
      ? `incremental review: ${detail.called} of ${detail.of} reviewer(s) called on the changed sections${detail.dropped > 0 ? `, ${detail.dropped} finding(s) on unchanged text dropped` : ''}`
      : 'full review';
  const line = `Model cost of this revision (${how}): ${n(billedInputTokens(u))} billed input tokens (${n(u.inputTokens)} input, ${n(u.cacheCreationInputTokens)} cache writes, ${n(u.cacheReadInputTokens)} cache reads), ${n(u.outputTokens)} output, est. ${usd(u.costUsd)}`;
  if (first === null || first === current) return `${line}.`;
  const base = billedInputTokens(first.usage);
  const ratio =
    base > 0 ? ` — ${(billedInputTokens(u) / base).toFixed(2)}× the first review's ${n(base)} billed input tokens (est. ${usd(first.usage.costUsd)})` : '';
  return `${line}${ratio}.`;
}
