import type Anthropic from '@anthropic-ai/sdk';
import type { z } from 'zod';
import { ExternalServiceError } from '../../errors/errors.js';
import { formatZodIssues } from '../../errors/format-zod-issues.js';
import type { TokenCounts } from './estimate-cost.js';
import { mapAnthropicError } from './map-anthropic-error.js';
import { echoAssistantTurn, repairTurn } from './repair-turn.js';

export interface ToolCallRequest<T> {
  client: Anthropic;
  model: string;
  system: Anthropic.TextBlockParam[] | string;
  tools: Anthropic.Tool[];
  /** The tool the model is forced to call (tool_choice). */
  toolName: string;
  schema: z.ZodType<T>;
  userText: string;
  maxTokens: number;
  /** The SDK's maxRetries, for error messages. */
  maxRetries: number;
  /** Forgive spelling before validation ("Not addressed" → "not-addressed"). */
  normalise?: (input: unknown) => unknown;
  /** Problems the schema cannot see (a quote that is not in the document); they get the same repair turn. */
  check?: (data: T) => string[];
  /** false: no repair turn, the first invalid reply fails the call. */
  repair?: boolean;
  /** Added to as replies arrive, so a failed call's tokens are still counted. */
  usage: TokenCounts;
  signal?: AbortSignal;
}

export interface ToolCallResult<T> {
  data: T;
  /** `check` problems still there after the repair turn (the reply is valid otherwise). */
  unresolved: string[];
  requests: number;
}

/**
 * One forced tool call with the reply validated by zod, and at most one repair turn: the tool_use
 * is answered with a tool_result marked is_error listing the problems, and the model calls the
 * tool again. Throws ExternalServiceError('anthropic', …) for API failures (after the SDK's
 * retries), refusals, replies cut off at max_tokens, and replies still invalid after the repair.
 */
export async function callAssistantTool<T>(request: ToolCallRequest<T>): Promise<ToolCallResult<T>> {
  const fail = (message: string): never => {
    throw new ExternalServiceError('anthropic', message, false);
  };
  let messages: Anthropic.MessageParam[] = [{ role: 'user', content: request.userText }];
  let requests = 0;
  for (;;) {
    let reply: Anthropic.Message;
    requests++;
    try {
      reply = await request.client.messages.create(
        {
          model: request.model,
          max_tokens: request.maxTokens,
          system: request.system,
          tools: request.tools,
          tool_choice: { type: 'tool', name: request.toolName },
          messages,
        },
        request.signal ? { signal: request.signal } : undefined,
      );
    } catch (error) {
      throw mapAnthropicError(error, request.maxRetries);
    }
    addUsage(request.usage, reply.usage);
    if (reply.stop_reason === 'refusal')
      fail(`the model declined (stop_reason "refusal"${reply.stop_details?.category ? `, category "${reply.stop_details.category}"` : ''})`);
    if (reply.stop_reason === 'max_tokens') fail(`the reply was cut off at max_tokens (${request.maxTokens})`);
    if (reply.stop_reason === 'model_context_window_exceeded') fail("the request does not fit the model's context window");

    const toolUses = reply.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
    const submitted = toolUses.find((b) => b.name === request.toolName);
    const parsed = submitted ? request.schema.safeParse(request.normalise ? request.normalise(submitted.input) : submitted.input) : null;
    const problems = !parsed
      ? [`no ${request.toolName} tool call in the reply`]
      : parsed.success
        ? (request.check?.(parsed.data) ?? [])
        : formatZodIssues(parsed.error);
    if (parsed?.success && problems.length === 0) return { data: parsed.data, unresolved: [], requests };
    const repaired = requests > 1 || request.repair === false;
    if (parsed?.success && repaired) return { data: parsed.data, unresolved: problems, requests };
    if (repaired) fail(`the reply failed validation${request.repair === false ? '' : ' after one repair attempt'}: ${problems.slice(0, 3).join('; ')}`);
    messages = [
      ...messages,
      { role: 'assistant', content: echoAssistantTurn(reply.content) },
      repairTurn(
        toolUses,
        submitted,
        `Your ${request.toolName} input was not accepted:\n${problems
          .slice(0, 20)
          .map((p) => `- ${p}`)
          .join('\n')}\nCall ${request.toolName} again with the corrected input.`,
        `You did not call ${request.toolName}. Call it now.`,
      ),
    ];
  }
}

function addUsage(into: TokenCounts, usage: Anthropic.Usage | undefined): void {
  into.inputTokens += usage?.input_tokens ?? 0;
  into.outputTokens += usage?.output_tokens ?? 0;
  into.cacheCreationInputTokens += usage?.cache_creation_input_tokens ?? 0;
  into.cacheReadInputTokens += usage?.cache_read_input_tokens ?? 0;
}
