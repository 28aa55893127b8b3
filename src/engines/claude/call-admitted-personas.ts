import type Anthropic from '@anthropic-ai/sdk';
import pLimit from 'p-limit';
import type { Admission, PersonaTask } from './admit-personas.js';
import type { TokenBudget } from './create-token-budget.js';
import { estimatePrimerCost } from './estimate-primer-cost.js';
import { type PersonaReviewResult, requestPersonaReview } from './request-persona-review.js';
import type { ResolvedClaudeOptions } from './schema.js';
import type { Chunk } from './split-into-chunks.js';
import { sumTokens } from './sum-tokens.js';
import { type WarmResult, warmPromptCache } from './warm-prompt-cache.js';

export interface PersonaCallsInput {
  client: Anthropic;
  options: ResolvedClaudeOptions;
  signal: AbortSignal | undefined;
  chunks: Chunk[];
  prefixes: Anthropic.TextBlockParam[][];
  prefixTokens: number[];
  tools: Anthropic.Tool[];
  budget: TokenBudget;
  admission: Admission;
  notes: string[];
}

export interface PersonaCalls {
  results: Map<PersonaTask, PersonaReviewResult>;
  /** The warm-up call's result per chunk index, when one was made. */
  primerUsage: Map<number, WarmResult>;
}

/** The calls step: per chunk, warm the cache first when asked, then fan the personas out. */
export async function callAdmittedPersonas(input: PersonaCallsInput): Promise<PersonaCalls> {
  const { client, options, signal, chunks, prefixes, prefixTokens, tools, budget, admission, notes } = input;
  const limit = pLimit(options.concurrency);
  const primerUsage = new Map<number, WarmResult>();
  const results = new Map<PersonaTask, PersonaReviewResult>();
  const runTask = (task: PersonaTask): Promise<void> =>
    limit(async () => {
      const result = await requestPersonaReview({
        client,
        model: options.model,
        system: prefixes[task.chunk.index]!,
        tools,
        userText: task.userText,
        shorterUserText: task.shorterUserText,
        maxFindings: options.maxFindingsPerPersona,
        maxOutputTokens: options.maxOutputTokens,
        maxOutputTokensCeiling: options.maxOutputTokensCeiling,
        maxRetries: options.maxRetries,
        budget,
        prereserved: task.reserve,
        ...(signal ? { signal } : {}),
      });
      results.set(task, result);
    });
  await Promise.all(
    chunks.map(async (chunk) => {
      const tasks = admission.admitted.map((a) => a.tasks[chunk.index]!);
      if (admission.primed.has(chunk.index)) {
        const warm = await limit(() =>
          warmPromptCache({
            client,
            model: options.model,
            system: prefixes[chunk.index]!,
            tools,
            maxRetries: options.maxRetries,
            ...(signal ? { signal } : {}),
          }),
        );
        budget.settle(estimatePrimerCost(prefixTokens[chunk.index]!), sumTokens(warm.usage));
        primerUsage.set(chunk.index, warm);
        if (!warm.ok) notes.push(`The prompt-cache warm-up call failed (${warm.reason}); the Claude reviewers ran without a warm cache.`);
        await Promise.all(tasks.map(runTask));
      } else if (options.warmCache === 'first-persona' && tasks.length > 1 && prefixTokens[chunk.index]! >= options.minCacheableTokens) {
        await runTask(tasks[0]!);
        await Promise.all(tasks.slice(1).map(runTask));
      } else {
        await Promise.all(tasks.map(runTask));
      }
    }),
  );
  return { results, primerUsage };
}
