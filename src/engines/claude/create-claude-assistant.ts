import type { Assistant } from '../../ledger/assistant.js';
import type { Usage } from '../types.js';
import { answerReplyWithClaude } from './answer-reply-with-claude.js';
import { buildAssistantTools } from './build-assistant-prefix.js';
import type { AssistantCall, AssistantContext } from './claude-assistant-context.js';
import { createCacheGate } from './create-cache-gate.js';
import { toUsage } from './to-usage.js';
import { classifyReplyWithClaude } from './classify-reply-with-claude.js';
import { createAnthropicClient } from './create-anthropic-client.js';
import { resolveClaudeOptions } from './resolve-claude-options.js';
import type { ClaudeEngineOptions } from './schema.js';
import { verifyFindingsWithClaude } from './verify-findings-with-claude.js';

export type ClaudeAssistantOptions = ClaudeEngineOptions & {
  /** Told the usage of every call (verify, classify, answer), failed ones included. */
  onUsage?: (usage: Usage, call: AssistantCall) => void;
};

/**
 * The model-backed judge of the ledger's lifecycle, with the claude engine's options (model, key,
 * base URL, retries, timeout, prices, maxDocumentTokens, warmCache…; env ANTHROPIC_API_KEY,
 * RFC_PANEL_MODEL, ANTHROPIC_BASE_URL) and the same client.
 *
 *  - verify: one forced `submit_verification` call per persona with its open findings, on a prefix
 *    laid out like the review's (instructions, then the numbered document as data) and shared by
 *    every persona's call and by thread answers on the same revision. Evidence is anchored in the
 *    visible text; unverifiable "addressed" becomes "partly". Throws when the call fails.
 *  - classify: a small call on the reply alone (delimited as untrusted data); null on any failure.
 *  - answer: the persona answers in 2–6 sentences, quoting the document; it may concede only by
 *    quoting the passage that covers the concern. Raw text: the caller sanitises before posting.
 *
 * Throws an InputError at once when no API key is configured, like createClaudeEngine.
 */
export function createClaudeAssistant(options: ClaudeAssistantOptions = {}): Assistant {
  const { onUsage, ...engineOptions } = options;
  const resolved = resolveClaudeOptions(engineOptions);
  const client = createAnthropicClient(resolved);
  const tools = buildAssistantTools();
  const gate = createCacheGate(resolved, tools);
  const ctx: AssistantContext = {
    client,
    options: resolved,
    tools,
    cached: (system, call) => gate(system, call),
    report: (call, tokens) => {
      const usage = toUsage(tokens, resolved);
      if (onUsage && usage.inputTokens + usage.outputTokens + usage.cacheCreationInputTokens + usage.cacheReadInputTokens > 0) onUsage(usage, call);
      return usage;
    },
  };
  return {
    verify: (doc, persona, entries) => verifyFindingsWithClaude(ctx, doc, persona, entries),
    classify: (entry, reply) => classifyReplyWithClaude(ctx, entry, reply),
    answer: (doc, persona, entry, reply) => answerReplyWithClaude(ctx, doc, persona, entry, reply),
  };
}
