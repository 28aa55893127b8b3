import type Anthropic from '@anthropic-ai/sdk';
import pLimit from 'p-limit';
import type { DraftFinding } from '../../findings/schema.js';
import type { Persona } from '../../personas/schema.js';
import type { EngineRequest, EngineResult, PersonaRun, ReviewedSection, Usage } from '../types.js';
import { anchorLlmFinding } from './anchor-llm-finding.js';
import { loadCatalogue } from '../checklist/catalogue/load-catalogue.js';
import { listOpenConcerns, renderOpenConcerns } from '../checklist/catalogue/list-open-concerns.js';
import { buildPersonaMessage } from './build-persona-message.js';
import { buildReviewTool } from './build-review-tool.js';
import { buildRevisionPrefix } from './build-revision-prefix.js';
import { buildSharedPrefix } from './build-shared-prefix.js';
import { linesLabel } from './claude-assistant-context.js';
import { keepChangedFindings } from './keep-changed-findings.js';
import { listSectionUnits } from './list-section-units.js';
import { type IncrementalPlan, planIncrementalReview } from './plan-incremental-review.js';
import { sectionCacheKey } from './section-cache-key.js';
import { toVerdict } from './verify-findings-with-claude.js';
import type { Verdict } from '../../ledger/verifier.js';
import { createTokenBudget } from './create-token-budget.js';
import { estimateCost, type TokenCounts } from './estimate-cost.js';
import { estimateTokens } from './estimate-tokens.js';
import { type PersonaReviewResult, requestPersonaReview } from './request-persona-review.js';
import type { ResolvedClaudeOptions } from './schema.js';
import { type Chunk, splitIntoChunks } from './split-into-chunks.js';
import { stripHiddenText } from './strip-hidden-text.js';
import { PRIMER_TEXT, type WarmResult, warmPromptCache } from './warm-prompt-cache.js';

interface Task {
  persona: Persona;
  chunk: Chunk;
  userText: string;
  shorterUserText: string;
  /** Estimated input + max_tokens of the first call, reserved at admission. */
  reserve: number;
}

const NO_TOKENS: TokenCounts = { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 };

/**
 * The claude engine's review: one call per persona (per chunk, for long documents), all sharing
 * a cached prefix, in parallel under `concurrency`, inside the token budget. Personas that cannot
 * fit the budget are skipped with a note; personas whose calls fail are reported with a reason;
 * everyone else's findings come back anchored against the whole document.
 */
export async function runClaudeReview(client: Anthropic, options: ResolvedClaudeOptions, request: EngineRequest): Promise<EngineResult> {
  const { document: doc, signal } = request;
  const notes: string[] = [];
  if (request.personas.length === 0) return { findings: [], runs: [], notes, unanchored: 0 };
  // A revision: only the personas the change concerns, on the changed sections they have not reviewed before.
  const plan: IncrementalPlan | null = request.revision ? planIncrementalReview(doc, request.personas, request.revision, options.model) : null;
  const personas = plan ? plan.calls.map((c) => c.persona) : request.personas;
  const idleRuns = (plan?.idle ?? []).map(({ persona, reason }) => run(persona.id, 'skipped', reason, 0, NO_TOKENS, options, notes));
  if (plan && plan.rememberedSections > 0) notes.push(`${plan.rememberedSections} changed section review(s) were reused from the section cache (the same text was reviewed before).`);
  if (plan && personas.length === 0) {
    return { findings: plan.remembered, runs: idleRuns, notes, unanchored: 0, reviewed: [], dropped: 0 };
  }

  // 1. What the model may see: hidden content blanked, line numbers kept.
  const visible = stripHiddenText(doc);
  const hiddenCount = visible.filter((line, i) => line !== doc.lines[i]).length;
  if (hiddenCount > 0) {
    notes.push(`Content hidden from readers (HTML comments, link definitions, invisible characters) on ${hiddenCount} line(s) was not shown to the Claude reviewers.`);
  }

  // 2. Chunks, and one shared prefix per chunk (identical bytes for every persona). A revision is one
  // chunk: the changed sections with their context, whatever the document's size.
  const chunks = plan ? [{ index: 0, startLine: 1, endLine: Math.max(visible.length, 1) }] : splitIntoChunks(doc, visible, options.maxDocumentTokens);
  if (chunks.length > 1) {
    notes.push(`The document is larger than maxDocumentTokens (${options.maxDocumentTokens}); the Claude reviewers read it in ${chunks.length} parts by top-level section (${chunks.map((c) => `lines ${c.startLine}–${c.endLine}`).join(', ')}).`);
  }
  const tools = [buildReviewTool(options.maxFindingsPerPersona)];
  const prefixes = plan ? [buildRevisionPrefix(doc, visible, plan)] : chunks.map((chunk) => buildSharedPrefix(doc, visible, chunk, chunks.length));
  const callOf = new Map(plan?.calls.map((c) => [c.persona.id, c]) ?? []);
  const changedFor = (persona: Persona): { changedLines: string; verify: string[] } | undefined => {
    const call = callOf.get(persona.id);
    if (!plan || !call) return undefined;
    const units = call.units.length > 0 ? call.units : plan.changedUnits;
    const ranges = plan.changed.filter((r) => units.some((u) => r.startLine <= u.endLine && u.startLine <= r.endLine));
    return { changedLines: ranges.map((r) => linesLabel([r.startLine, r.endLine])).join(', '), verify: call.verify.map((f) => f.id) };
  };
  const prefixTokens = prefixes.map((system) => estimateTokens(JSON.stringify([tools, system])));

  // 3. Budget: warm-up calls first (they make every other call cheaper), then personas in order.
  const budget = createTokenBudget(options.maxTokensPerReview);
  const cacheable = (c: Chunk): boolean => prefixTokens[c.index]! >= options.minCacheableTokens;
  const primerCost = (c: Chunk): number => prefixTokens[c.index]! + estimateTokens(PRIMER_TEXT) + 16;
  const primed = new Set<number>();
  if (options.warmCache === 'primer' && personas.length > 1) {
    for (const chunk of chunks) if (cacheable(chunk) && budget.tryReserve(primerCost(chunk))) primed.add(chunk.index);
  }
  // The catalogue's open concerns for each persona: a checklist in the persona's own turn, so the
  // cached prefix above stays byte-identical across personas. A revision judges only the change,
  // so it gets none (and does not pay for running the catalogue).
  const open = plan ? [] : listOpenConcerns(doc, loadCatalogue(), [], Number.MAX_SAFE_INTEGER);
  const checklists = new Map(personas.map((p) => [p.id, renderOpenConcerns(open.filter((c) => c.personas.includes(p.id)).slice(0, 12))]));
  const admitted: Array<{ persona: Persona; tasks: Task[] }> = [];
  const runs = new Map<string, PersonaRun>();
  const skipped: string[] = [];
  for (const persona of personas) {
    const tasks = chunks.map((chunk): Task => {
      const revision = changedFor(persona);
      // On a revision the persona judges only the change: a checklist about the whole document would invite findings on unchanged text.
      const message = { maxFindings: options.maxFindingsPerPersona, chunk, chunkCount: chunks.length, ...(revision ? { revision } : { checklist: checklists.get(persona.id) ?? '' }) };
      const userText = buildPersonaMessage(persona, message);
      const reserve = prefixTokens[chunk.index]! + estimateTokens(JSON.stringify(userText)) + 8 + options.maxOutputTokens;
      return { persona, chunk, userText, shorterUserText: buildPersonaMessage(persona, { ...message, shorter: true }), reserve };
    });
    const need = tasks.reduce((sum, t) => sum + t.reserve, 0);
    if (budget.tryReserve(need)) {
      admitted.push({ persona, tasks });
    } else {
      skipped.push(persona.id);
      runs.set(persona.id, run(persona.id, 'skipped', `not run: about ${need} more tokens would exceed the review's token budget (maxTokensPerReview ${options.maxTokensPerReview})`, 0, NO_TOKENS, options, notes));
    }
  }
  if (skipped.length > 0) {
    notes.push(`Skipped ${skipped.length} Claude reviewer(s) to stay within the token budget of ${options.maxTokensPerReview} tokens per review (maxTokensPerReview): ${skipped.join(', ')}.`);
  }
  if (admitted.length < 2) {
    for (const index of primed) budget.settle(primerCost(chunks[index]!), 0);
    primed.clear();
  }

  // 4. Calls: per chunk, warm the cache first when asked, then fan the personas out.
  const limit = pLimit(options.concurrency);
  const primerUsage = new Map<number, WarmResult>();
  const results = new Map<Task, PersonaReviewResult>();
  const runTask = (task: Task): Promise<void> =>
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
      const tasks = admitted.map((a) => a.tasks[chunk.index]!);
      if (primed.has(chunk.index)) {
        const warm = await limit(() => warmPromptCache({ client, model: options.model, system: prefixes[chunk.index]!, tools, maxRetries: options.maxRetries, ...(signal ? { signal } : {}) }));
        budget.settle(primerCost(chunk), sum(warm.usage));
        primerUsage.set(chunk.index, warm);
        if (!warm.ok) notes.push(`The prompt-cache warm-up call failed (${warm.reason}); the Claude reviewers ran without a warm cache.`);
        await Promise.all(tasks.map(runTask));
      } else if (options.warmCache === 'first-persona' && tasks.length > 1 && cacheable(chunk)) {
        await runTask(tasks[0]!);
        await Promise.all(tasks.slice(1).map(runTask));
      } else {
        await Promise.all(tasks.map(runTask));
      }
    }),
  );

  // 5. Per persona: usage, status, anchored findings. The warm-up's usage is billed to the first persona.
  const anchoredAll: Array<{ draft: DraftFinding; causedBy: string | null | undefined }> = [];
  const reviewed: ReviewedSection[] = [];
  const verdicts = new Map<string, Verdict>();
  const whole = plan ? null : listSectionUnits(doc);
  let unanchored = 0;
  admitted.forEach(({ persona, tasks }, order) => {
    const usage = { ...NO_TOKENS };
    const failures: string[] = [];
    const kinds = new Set<NonNullable<PersonaRun['failure']>>();
    let count = 0;
    for (const task of tasks) {
      const result = results.get(task)!;
      // Verdicts count only for the persona's own findings on the change, judged against the visible text.
      const own = new Set(callOf.get(persona.id)?.verify.map((f) => f.id) ?? []);
      for (const item of result.verdicts) if (own.has(item.id) && !verdicts.has(item.id)) verdicts.set(item.id, toVerdict(doc, visible, item));
      add(usage, result.usage);
      if (order === 0) add(usage, primerUsage.get(task.chunk.index)?.usage ?? NO_TOKENS);
      for (const note of result.notes) notes.push(`${persona.id}: ${note}`);
      if (result.status === 'failed') {
        if (result.failure) kinds.add(result.failure);
        failures.push(chunks.length > 1 ? `part ${task.chunk.index + 1} (lines ${task.chunk.startLine}–${task.chunk.endLine}): ${result.reason}` : (result.reason ?? 'failed'));
      }
      const scope = chunks.length > 1 ? { startLine: task.chunk.startLine, endLine: task.chunk.endLine } : null;
      for (const finding of result.findings) {
        const anchored = anchorLlmFinding(doc, visible, finding, persona.id, scope);
        anchoredAll.push({ draft: anchored.draft, causedBy: finding.caused_by });
        if (anchored.unanchored) unanchored++;
        count++;
      }
    }
    const status = failures.length > 0 ? 'failed' : 'ok';
    // Only a complete review of a section is remembered: a failed persona is asked again next time.
    if (status === 'ok') {
      const call = callOf.get(persona.id);
      const done = call ? call.units.map((u, i) => ({ unit: u, key: call.keys[i]! })) : whole!.units.map((u) => ({ unit: u, key: sectionCacheKey(persona, options.model, u.textHash, whole!.outlineHash) }));
      for (const { unit, key } of done) reviewed.push({ key, persona: persona.id, path: doc.path, startLine: unit.startLine, endLine: unit.endLine });
    }
    // One part the API never answered makes the whole persona worth retrying.
    const failure = kinds.has('api') ? 'api' : kinds.has('budget') ? 'budget' : kinds.size > 0 ? 'unusable' : undefined;
    runs.set(persona.id, { ...run(persona.id, status, failures.length > 0 ? failures.join('; ') : null, count, usage, options, notes), ...(failure ? { failure } : {}) });
  });
  if (unanchored > 0) {
    notes.push(`${unanchored} Claude finding(s) quoted text that could not be found in the document; they are kept at section or document level.`);
  }
  const changedOnly = plan ? keepChangedFindings(doc, visible, anchoredAll, plan.changed) : { kept: anchoredAll.map((a) => a.draft), dropped: 0 };
  const findings = [...changedOnly.kept, ...(plan?.remembered ?? [])];
  if (budget.used() > options.maxTokensPerReview) {
    notes.push(`The review used ${budget.used()} tokens, ${budget.used() - options.maxTokensPerReview} over maxTokensPerReview (${options.maxTokensPerReview}): the pre-call estimates were low.`);
  }
  return { findings, runs: [...personas.map((p) => runs.get(p.id)!), ...idleRuns], notes: [...new Set(notes)], unanchored, reviewed, dropped: changedOnly.dropped, verdicts };
}

function run(persona: string, status: PersonaRun['status'], reason: string | null, findings: number, tokens: TokenCounts, options: ResolvedClaudeOptions, notes: string[]): PersonaRun {
  const cost = estimateCost(tokens, options.model, options.prices);
  if (cost === null && sum(tokens) > 0) notes.push(`No price for model "${options.model}" in the price table; its cost is reported as 0.`);
  const usage: Usage = { ...tokens, costUsd: cost ?? 0 };
  return { persona, engine: 'claude', status, reason, findings, usage };
}

function add(into: TokenCounts, from: TokenCounts): void {
  into.inputTokens += from.inputTokens;
  into.outputTokens += from.outputTokens;
  into.cacheCreationInputTokens += from.cacheCreationInputTokens;
  into.cacheReadInputTokens += from.cacheReadInputTokens;
}

function sum(t: TokenCounts): number {
  return t.inputTokens + t.outputTokens + t.cacheCreationInputTokens + t.cacheReadInputTokens;
}
