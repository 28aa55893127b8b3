import type Anthropic from '@anthropic-ai/sdk';
import type { EngineRequest, EngineResult, PersonaRun } from '../types.js';
import { admitPersonas } from './admit-personas.js';
import { buildReviewTool } from './build-review-tool.js';
import { buildRevisionPrefix } from './build-revision-prefix.js';
import { buildSharedPrefix } from './build-shared-prefix.js';
import { callAdmittedPersonas } from './call-admitted-personas.js';
import { NO_TOKENS } from './claude-assistant-context.js';
import { collectPersonaResults } from './collect-persona-results.js';
import { createTokenBudget } from './create-token-budget.js';
import { estimateTokens } from './estimate-tokens.js';
import { keepChangedFindings } from './keep-changed-findings.js';
import { makePersonaRun } from './make-persona-run.js';
import { type IncrementalPlan, planIncrementalReview } from './plan-incremental-review.js';
import type { ResolvedClaudeOptions } from './schema.js';
import { splitIntoChunks } from './split-into-chunks.js';
import { stripHiddenText } from './strip-hidden-text.js';

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
  const idleRuns = (plan?.idle ?? []).map(({ persona, reason }) => makePersonaRun(persona.id, 'skipped', reason, 0, NO_TOKENS, options, notes));
  if (plan && plan.rememberedSections > 0)
    notes.push(`${plan.rememberedSections} changed section review(s) were reused from the section cache (the same text was reviewed before).`);
  if (plan && personas.length === 0) {
    return { findings: plan.remembered, runs: idleRuns, notes, unanchored: 0, reviewed: [], dropped: 0 };
  }

  // 1. What the model may see: hidden content blanked, line numbers kept.
  const visible = stripHiddenText(doc);
  const hiddenCount = visible.filter((line, i) => line !== doc.lines[i]).length;
  if (hiddenCount > 0) {
    notes.push(
      `Content hidden from readers (HTML comments, link definitions, invisible characters) on ${hiddenCount} line(s) was not shown to the Claude reviewers.`,
    );
  }

  // 2. Chunks, and one shared prefix per chunk (identical bytes for every persona). A revision is one
  // chunk: the changed sections with their context, whatever the document's size.
  const chunks = plan ? [{ index: 0, startLine: 1, endLine: Math.max(visible.length, 1) }] : splitIntoChunks(doc, visible, options.maxDocumentTokens);
  if (chunks.length > 1) {
    notes.push(
      `The document is larger than maxDocumentTokens (${options.maxDocumentTokens}); the Claude reviewers read it in ${chunks.length} parts by top-level section (${chunks.map((c) => `lines ${c.startLine}–${c.endLine}`).join(', ')}).`,
    );
  }
  const tools = [buildReviewTool(options.maxFindingsPerPersona)];
  const prefixes = plan ? [buildRevisionPrefix(doc, visible, plan)] : chunks.map((chunk) => buildSharedPrefix(doc, visible, chunk, chunks.length));
  const prefixTokens = prefixes.map((system) => estimateTokens(JSON.stringify([tools, system])));

  // 3. Budget, 4. calls, 5. per-persona results.
  const budget = createTokenBudget(options.maxTokensPerReview);
  const runs = new Map<string, PersonaRun>();
  const admission = admitPersonas({ doc, plan, personas, chunks, prefixTokens, budget, options, runs, notes });
  const calls = await callAdmittedPersonas({ client, options, signal, chunks, prefixes, prefixTokens, tools, budget, admission, notes });
  const {
    anchored: anchoredAll,
    reviewed,
    verdicts,
    unanchored,
  } = collectPersonaResults({ doc, visible, plan, chunks, admitted: admission.admitted, calls, options, runs, notes });
  if (unanchored > 0) {
    notes.push(`${unanchored} Claude finding(s) quoted text that could not be found in the document; they are kept at section or document level.`);
  }
  const changedOnly = plan ? keepChangedFindings(doc, visible, anchoredAll, plan.changed) : { kept: anchoredAll.map((a) => a.draft), dropped: 0 };
  const findings = [...changedOnly.kept, ...(plan?.remembered ?? [])];
  if (budget.used() > options.maxTokensPerReview) {
    notes.push(
      `The review used ${budget.used()} tokens, ${budget.used() - options.maxTokensPerReview} over maxTokensPerReview (${options.maxTokensPerReview}): the pre-call estimates were low.`,
    );
  }
  return {
    findings,
    runs: [...personas.map((p) => runs.get(p.id)!), ...idleRuns],
    notes: [...new Set(notes)],
    unanchored,
    reviewed,
    dropped: changedOnly.dropped,
    verdicts,
  };
}
