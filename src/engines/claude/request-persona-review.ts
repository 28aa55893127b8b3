import type Anthropic from '@anthropic-ai/sdk';
import { formatZodIssues } from '../../errors/format-zod-issues.js';
import type { TokenBudget } from './create-token-budget.js';
import type { TokenCounts } from './estimate-cost.js';
import { keepMostSevere } from './keep-most-severe.js';
import { normaliseReview } from './normalise-review.js';
import type { VerificationItem } from './claude-assistant-schema.js';
import { type LlmFinding, REVIEW_TOOL_NAME, ReviewOutputSchema } from './review-output-schema.js';
import { echoAssistantTurn, repairTurn } from './repair-turn.js';
import { type ReviewCallState, sendReviewCall } from './send-review-call.js';

export interface PersonaReviewRequest {
  client: Anthropic;
  model: string;
  /** Shared by every persona of the review (the cached prefix); never modified here. */
  system: Anthropic.TextBlockParam[];
  tools: Anthropic.Tool[];
  /** The persona's user turn, and the one to send after a reply was cut off at max_tokens. */
  userText: string;
  shorterUserText: string;
  maxFindings: number;
  maxOutputTokens: number;
  maxOutputTokensCeiling: number;
  /** The SDK's maxRetries, for error messages. */
  maxRetries: number;
  budget: TokenBudget;
  /** Tokens already reserved in `budget` for the first call (by the panel's admission step). */
  prereserved: number;
  signal?: AbortSignal;
}

export interface PersonaReviewResult {
  status: 'ok' | 'failed';
  reason: string | null;
  failure: 'api' | 'unusable' | 'budget' | null;
  findings: LlmFinding[];
  /** Verdicts on the persona's own open findings, when an incremental review asked for them. */
  verdicts: VerificationItem[];
  usage: TokenCounts;
  notes: string[];
  requests: number;
}

/**
 * One persona's review of one chunk: a forced `submit_review` call, then at most one repair turn
 * for a reply that fails validation, and at most one retry with a larger max_tokens (asking for
 * fewer, shorter findings) for a reply cut off at max_tokens. Refusals, API failures (after the
 * SDK's own retries) and budget exhaustion end it as `failed` with a reason; it never throws.
 */
export async function requestPersonaReview(request: PersonaReviewRequest): Promise<PersonaReviewResult> {
  const usage: TokenCounts = { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 };
  const notes: string[] = [];
  const state: ReviewCallState = { usage, requests: 0, prereserved: request.prereserved };
  const fail = (reason: string, failure: 'api' | 'unusable' | 'budget' = 'unusable'): PersonaReviewResult => ({
    status: 'failed',
    reason,
    failure,
    findings: [],
    verdicts: [],
    usage,
    notes,
    requests: state.requests,
  });

  const budgetReason = (what: string): string =>
    `stopped before ${what}: the review's token budget (maxTokensPerReview ${request.budget.limit}) would be exceeded`;

  let messages: Anthropic.MessageParam[] = [{ role: 'user', content: request.userText }];
  let maxTokens = request.maxOutputTokens;
  let retriedCutOff = false;
  let repaired = false;
  for (;;) {
    const outcome = await sendReviewCall(request, state, messages, maxTokens);
    if (outcome.kind === 'budget') return fail(budgetReason(repaired ? 'the repair call' : retriedCutOff ? 'the retry' : 'the first call'), 'budget');
    if (outcome.kind === 'error') return fail(outcome.reason, 'api');
    const reply = outcome.reply;

    if (reply.stop_reason === 'refusal') {
      const category = reply.stop_details?.category;
      return fail(`the model declined to review (stop_reason "refusal"${category ? `, category "${category}"` : ''})`);
    }
    if (reply.stop_reason === 'model_context_window_exceeded') {
      return fail("the document does not fit the model's context window (lower maxDocumentTokens to review it in parts)");
    }
    if (reply.stop_reason === 'max_tokens') {
      if (retriedCutOff) return fail(`the reply was cut off at max_tokens twice (${request.maxOutputTokens}, then ${maxTokens} tokens)`);
      retriedCutOff = true;
      notes.push(`A reply was cut off at max_tokens ${maxTokens}; retried once asking for fewer, shorter findings.`);
      maxTokens = Math.max(maxTokens, Math.min(maxTokens * 2, request.maxOutputTokensCeiling));
      messages = [{ role: 'user', content: request.shorterUserText }];
      continue;
    }

    const toolUses = reply.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
    const submitted = toolUses.find((b) => b.name === REVIEW_TOOL_NAME);
    const clipped = { fields: 0 };
    const parsed = submitted ? ReviewOutputSchema.safeParse(normaliseReview(submitted.input, clipped)) : null;
    if (parsed?.success) {
      if (clipped.fields > 0) notes.push(`${clipped.fields} over-long field(s) in the reply were clipped to the schema's limits.`);
      const findings = keepMostSevere(parsed.data.findings, request.maxFindings);
      if (findings.length < parsed.data.findings.length) {
        notes.push(`${parsed.data.findings.length} findings returned, above the limit of ${request.maxFindings}; kept the ${request.maxFindings} most severe.`);
      }
      return { status: 'ok', reason: null, failure: null, findings, verdicts: parsed.data.verdicts ?? [], usage, notes, requests: state.requests };
    }

    const problems = parsed ? formatZodIssues(parsed.error) : [`no ${REVIEW_TOOL_NAME} tool call in the reply`];
    if (repaired) return fail(`the reply failed validation after one repair attempt: ${problems.slice(0, 3).join('; ')}`);
    repaired = true;
    messages = [
      ...messages,
      { role: 'assistant', content: echoAssistantTurn(reply.content) },
      repairTurn(
        toolUses,
        submitted,
        `Your ${REVIEW_TOOL_NAME} input did not match the schema:\n${problems
          .slice(0, 20)
          .map((p) => `- ${p}`)
          .join('\n')}\nCall ${REVIEW_TOOL_NAME} again with the corrected input (the same findings, fixed).`,
        `You did not call ${REVIEW_TOOL_NAME}. Call it now with your findings.`,
      ),
    ];
  }
}
