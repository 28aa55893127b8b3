import type Anthropic from '@anthropic-ai/sdk';
import { formatZodIssues } from '../../errors/format-zod-issues.js';
import { SEVERITY_RANK } from '../../findings/schema.js';
import type { TokenBudget } from './create-token-budget.js';
import type { TokenCounts } from './estimate-cost.js';
import { estimateTokens } from './estimate-tokens.js';
import { mapAnthropicError } from './map-anthropic-error.js';
import type { VerificationItem } from './claude-assistant-schema.js';
import { type LlmFinding, REVIEW_TOOL_NAME, ReviewOutputSchema } from './schema.js';
import { echoAssistantTurn, repairTurn } from './repair-turn.js';

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

type Outcome = { kind: 'reply'; reply: Anthropic.Message } | { kind: 'error'; reason: string } | { kind: 'budget' };

/**
 * One persona's review of one chunk: a forced `submit_review` call, then at most one repair turn
 * for a reply that fails validation, and at most one retry with a larger max_tokens (asking for
 * fewer, shorter findings) for a reply cut off at max_tokens. Refusals, API failures (after the
 * SDK's own retries) and budget exhaustion end it as `failed` with a reason; it never throws.
 */
export async function requestPersonaReview(request: PersonaReviewRequest): Promise<PersonaReviewResult> {
  const usage: TokenCounts = { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 };
  const notes: string[] = [];
  let requests = 0;
  let prereserved = request.prereserved;
  const fail = (reason: string, failure: 'api' | 'unusable' | 'budget' = 'unusable'): PersonaReviewResult => ({ status: 'failed', reason, failure, findings: [], verdicts: [], usage, notes, requests });

  const call = async (messages: Anthropic.MessageParam[], maxTokens: number): Promise<Outcome> => {
    const estimate = estimateTokens(JSON.stringify([request.tools, request.system, messages])) + maxTokens;
    let held = prereserved;
    prereserved = 0;
    if (held === 0) {
      if (!request.budget.tryReserve(estimate)) return { kind: 'budget' };
      held = estimate;
    }
    requests++;
    try {
      const reply = await request.client.messages.create(
        {
          model: request.model,
          max_tokens: maxTokens,
          system: request.system,
          tools: request.tools,
          tool_choice: { type: 'tool', name: REVIEW_TOOL_NAME },
          messages,
        },
        request.signal ? { signal: request.signal } : undefined,
      );
      const counts = readUsage(reply.usage);
      usage.inputTokens += counts.inputTokens;
      usage.outputTokens += counts.outputTokens;
      usage.cacheCreationInputTokens += counts.cacheCreationInputTokens;
      usage.cacheReadInputTokens += counts.cacheReadInputTokens;
      request.budget.settle(held, counts.inputTokens + counts.outputTokens + counts.cacheCreationInputTokens + counts.cacheReadInputTokens);
      return { kind: 'reply', reply };
    } catch (error) {
      request.budget.settle(held, 0);
      return { kind: 'error', reason: mapAnthropicError(error, request.maxRetries).message };
    }
  };
  const budgetReason = (what: string): string =>
    `stopped before ${what}: the review's token budget (maxTokensPerReview ${request.budget.limit}) would be exceeded`;

  let messages: Anthropic.MessageParam[] = [{ role: 'user', content: request.userText }];
  let maxTokens = request.maxOutputTokens;
  let retriedCutOff = false;
  let repaired = false;
  for (;;) {
    const outcome = await call(messages, maxTokens);
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
      return { status: 'ok', reason: null, failure: null, findings, verdicts: parsed.data.verdicts ?? [], usage, notes, requests };
    }

    const problems = parsed ? formatZodIssues(parsed.error) : [`no ${REVIEW_TOOL_NAME} tool call in the reply`];
    if (repaired) return fail(`the reply failed validation after one repair attempt: ${problems.slice(0, 3).join('; ')}`);
    repaired = true;
    messages = [...messages, { role: 'assistant', content: echoAssistantTurn(reply.content) }, repairTurn(toolUses, submitted, `Your ${REVIEW_TOOL_NAME} input did not match the schema:\n${problems.slice(0, 20).map((p) => `- ${p}`).join('\n')}\nCall ${REVIEW_TOOL_NAME} again with the corrected input (the same findings, fixed).`, `You did not call ${REVIEW_TOOL_NAME}. Call it now with your findings.`)];
  }
}

function readUsage(usage: Anthropic.Usage | undefined): TokenCounts {
  return {
    inputTokens: usage?.input_tokens ?? 0,
    outputTokens: usage?.output_tokens ?? 0,
    cacheCreationInputTokens: usage?.cache_creation_input_tokens ?? 0,
    cacheReadInputTokens: usage?.cache_read_input_tokens ?? 0,
  };
}

/** Longest text the schema accepts per field: what is beyond it is clipped, not a reason to drop the reply. */
const FIELD_LIMITS = { title: 200, body: 4000, concern: 60 } as const;

/** Text cut to `max` characters, ending in an ellipsis so a reader sees it was cut. */
function clip(text: string, max: number, counter: { fields: number }): string {
  if (text.length <= max) return text;
  counter.fields++;
  return `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Forgive what the schema would otherwise reject and a person would not care about: spelling
 * ("Nice to have", "Redis fallback") and over-long text. A model that writes a 5,000-character body
 * (or obeys a document asking for one) still said something useful in the first 4,000; failing the
 * whole persona over it — as a hard `max` did — lost every finding in the reply.
 */
function normaliseReview(input: unknown, clipped: { fields: number }): unknown {
  if (typeof input !== 'object' || input === null || !Array.isArray((input as { findings?: unknown }).findings)) return input;
  const findings = (input as { findings: unknown[] }).findings.map((f) => {
    if (typeof f !== 'object' || f === null) return f;
    const out: Record<string, unknown> = { ...(f as Record<string, unknown>) };
    for (const key of ['severity', 'recommendation'] as const) {
      if (typeof out[key] === 'string') out[key] = (out[key] as string).trim().toLowerCase().replace(/\s+/g, '-');
    }
    if (typeof out['concern'] === 'string') {
      const concern = (out['concern'] as string).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
      if (concern.length > FIELD_LIMITS.concern) clipped.fields++;
      out['concern'] = concern.slice(0, FIELD_LIMITS.concern).replace(/-+$/, '');
    }
    for (const key of ['title', 'body'] as const) {
      if (typeof out[key] === 'string') out[key] = clip(out[key] as string, FIELD_LIMITS[key], clipped);
    }
    return out;
  });
  const verdicts = (input as { verdicts?: unknown }).verdicts;
  const spelled = Array.isArray(verdicts)
    ? verdicts.map((v) => (typeof v === 'object' && v !== null && typeof (v as { verdict?: unknown }).verdict === 'string' ? { ...v, verdict: (v as { verdict: string }).verdict.trim().toLowerCase().replace(/[\s_]+/g, '-') } : v))
    : verdicts;
  return { ...(input as object), findings, ...(spelled === undefined ? {} : { verdicts: spelled }) };
}

function keepMostSevere(findings: LlmFinding[], max: number): LlmFinding[] {
  if (findings.length <= max) return findings;
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || a.i - b.i)
    .slice(0, max)
    .sort((a, b) => a.i - b.i)
    .map(({ f }) => f);
}
