import type { PlanDocument } from '../../documents/schema.js';
import type { Persona } from '../../personas/schema.js';
import type { PersonaRun } from '../types.js';
import { loadCatalogue } from '../checklist/catalogue/load-catalogue.js';
import { listOpenConcerns, renderOpenConcerns } from '../checklist/catalogue/list-open-concerns.js';
import { buildPersonaMessage } from './build-persona-message.js';
import { NO_TOKENS } from './claude-assistant-context.js';
import { linesLabel } from './lines-label.js';
import type { TokenBudget } from './create-token-budget.js';
import { estimatePrimerCost } from './estimate-primer-cost.js';
import { estimateTokens } from './estimate-tokens.js';
import { makePersonaRun } from './make-persona-run.js';
import type { IncrementalCall, IncrementalPlan } from './plan-incremental-review.js';
import type { ResolvedClaudeOptions } from './schema.js';
import type { Chunk } from './split-into-chunks.js';

export interface PersonaTask {
  persona: Persona;
  chunk: Chunk;
  userText: string;
  shorterUserText: string;
  /** Estimated input + max_tokens of the first call, reserved at admission. */
  reserve: number;
}

export interface Admission {
  admitted: Array<{ persona: Persona; tasks: PersonaTask[] }>;
  /** Chunks whose warm-up call is reserved in the budget. */
  primed: Set<number>;
}

export interface AdmissionInput {
  doc: PlanDocument;
  plan: IncrementalPlan | null;
  personas: Persona[];
  chunks: Chunk[];
  prefixTokens: number[];
  budget: TokenBudget;
  options: ResolvedClaudeOptions;
  /** Receives the runs of the personas skipped for the budget. */
  runs: Map<string, PersonaRun>;
  notes: string[];
}

/**
 * The budget step: warm-up calls first (they make every other call cheaper), then personas in
 * order, each with all of its chunks or not at all.
 */
export function admitPersonas(input: AdmissionInput): Admission {
  const { doc, plan, personas, chunks, prefixTokens, budget, options, runs, notes } = input;
  const cacheable = (c: Chunk): boolean => prefixTokens[c.index]! >= options.minCacheableTokens;
  const costOf = (c: Chunk): number => estimatePrimerCost(prefixTokens[c.index]!);
  const primed = new Set<number>();
  if (options.warmCache === 'primer' && personas.length > 1) {
    for (const chunk of chunks) if (cacheable(chunk) && budget.tryReserve(costOf(chunk))) primed.add(chunk.index);
  }
  // The catalogue's open concerns for each persona: a checklist in the persona's own turn, so the
  // cached prefix above stays byte-identical across personas. A revision judges only the change,
  // so it gets none (and does not pay for running the catalogue).
  const open = plan ? [] : listOpenConcerns(doc, loadCatalogue(), [], Number.MAX_SAFE_INTEGER);
  const checklists = new Map(personas.map((p) => [p.id, renderOpenConcerns(open.filter((c) => c.personas.includes(p.id)).slice(0, 12))]));
  const callOf = new Map(plan?.calls.map((c) => [c.persona.id, c]) ?? []);
  const admitted: Admission['admitted'] = [];
  const skipped: string[] = [];
  for (const persona of personas) {
    const tasks = chunks.map((chunk): PersonaTask => {
      const revision = plan ? changedFor(plan, callOf.get(persona.id)) : undefined;
      // On a revision the persona judges only the change: a checklist about the whole document would invite findings on unchanged text.
      const message = {
        maxFindings: options.maxFindingsPerPersona,
        chunk,
        chunkCount: chunks.length,
        ...(revision ? { revision } : { checklist: checklists.get(persona.id) ?? '' }),
      };
      const userText = buildPersonaMessage(persona, message);
      const reserve = prefixTokens[chunk.index]! + estimateTokens(JSON.stringify(userText)) + 8 + options.maxOutputTokens;
      return { persona, chunk, userText, shorterUserText: buildPersonaMessage(persona, { ...message, shorter: true }), reserve };
    });
    const need = tasks.reduce((sum, t) => sum + t.reserve, 0);
    if (budget.tryReserve(need)) {
      admitted.push({ persona, tasks });
    } else {
      skipped.push(persona.id);
      runs.set(
        persona.id,
        makePersonaRun(
          persona.id,
          'skipped',
          `not run: about ${need} more tokens would exceed the review's token budget (maxTokensPerReview ${options.maxTokensPerReview})`,
          0,
          NO_TOKENS,
          options,
          notes,
        ),
      );
    }
  }
  if (skipped.length > 0) {
    notes.push(
      `Skipped ${skipped.length} Claude reviewer(s) to stay within the token budget of ${options.maxTokensPerReview} tokens per review (maxTokensPerReview): ${skipped.join(', ')}.`,
    );
  }
  if (admitted.length < 2) {
    for (const index of primed) budget.settle(costOf(chunks[index]!), 0);
    primed.clear();
  }
  return { admitted, primed };
}

/** The changed lines a revision's call is about, and the open findings it verifies. */
function changedFor(plan: IncrementalPlan, call: IncrementalCall | undefined): { changedLines: string; verify: string[] } | undefined {
  if (!call) return undefined;
  const units = call.units.length > 0 ? call.units : plan.changedUnits;
  const ranges = plan.changed.filter((r) => units.some((u) => r.startLine <= u.endLine && u.startLine <= r.endLine));
  return { changedLines: ranges.map((r) => linesLabel([r.startLine, r.endLine])).join(', '), verify: call.verify.map((f) => f.id) };
}
