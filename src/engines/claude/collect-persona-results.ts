import type { PlanDocument } from '../../documents/schema.js';
import type { DraftFinding } from '../../findings/schema.js';
import type { Verdict } from '../../ledger/verifier.js';
import type { PersonaRun, ReviewedSection } from '../types.js';
import { addTokens } from './add-tokens.js';
import type { Admission } from './admit-personas.js';
import { anchorLlmFinding } from './anchor-llm-finding.js';
import type { PersonaCalls } from './call-admitted-personas.js';
import { NO_TOKENS } from './claude-assistant-context.js';
import { listSectionUnits } from './list-section-units.js';
import { makePersonaRun } from './make-persona-run.js';
import type { IncrementalPlan } from './plan-incremental-review.js';
import type { ResolvedClaudeOptions } from './schema.js';
import { sectionCacheKey } from './section-cache-key.js';
import type { Chunk } from './split-into-chunks.js';
import { toVerdict } from './to-verdict.js';

export interface CollectInput {
  doc: PlanDocument;
  visible: string[];
  plan: IncrementalPlan | null;
  chunks: Chunk[];
  admitted: Admission['admitted'];
  calls: PersonaCalls;
  options: ResolvedClaudeOptions;
  /** Receives each admitted persona's run. */
  runs: Map<string, PersonaRun>;
  notes: string[];
}

export interface Collected {
  anchored: Array<{ draft: DraftFinding; causedBy: string | null | undefined }>;
  reviewed: ReviewedSection[];
  verdicts: Map<string, Verdict>;
  unanchored: number;
}

/** Per persona: usage, status, anchored findings. The warm-up's usage is billed to the first persona. */
export function collectPersonaResults(input: CollectInput): Collected {
  const { doc, visible, plan, chunks, admitted, calls, options, runs, notes } = input;
  const out: Collected = { anchored: [], reviewed: [], verdicts: new Map(), unanchored: 0 };
  const callOf = new Map(plan?.calls.map((c) => [c.persona.id, c]) ?? []);
  const whole = plan ? null : listSectionUnits(doc);
  admitted.forEach(({ persona, tasks }, order) => {
    const usage = { ...NO_TOKENS };
    const failures: string[] = [];
    const kinds = new Set<NonNullable<PersonaRun['failure']>>();
    let count = 0;
    for (const task of tasks) {
      const result = calls.results.get(task)!;
      // Verdicts count only for the persona's own findings on the change, judged against the visible text.
      const own = new Set(callOf.get(persona.id)?.verify.map((f) => f.id) ?? []);
      for (const item of result.verdicts) if (own.has(item.id) && !out.verdicts.has(item.id)) out.verdicts.set(item.id, toVerdict(doc, visible, item));
      addTokens(usage, result.usage);
      if (order === 0) addTokens(usage, calls.primerUsage.get(task.chunk.index)?.usage ?? NO_TOKENS);
      for (const note of result.notes) notes.push(`${persona.id}: ${note}`);
      if (result.status === 'failed') {
        if (result.failure) kinds.add(result.failure);
        failures.push(
          chunks.length > 1
            ? `part ${task.chunk.index + 1} (lines ${task.chunk.startLine}–${task.chunk.endLine}): ${result.reason}`
            : (result.reason ?? 'failed'),
        );
      }
      const scope = chunks.length > 1 ? { startLine: task.chunk.startLine, endLine: task.chunk.endLine } : null;
      for (const finding of result.findings) {
        const anchored = anchorLlmFinding(doc, visible, finding, persona.id, scope);
        out.anchored.push({ draft: anchored.draft, causedBy: finding.caused_by });
        if (anchored.unanchored) out.unanchored++;
        count++;
      }
    }
    const status = failures.length > 0 ? 'failed' : 'ok';
    // Only a complete review of a section is remembered: a failed persona is asked again next time.
    if (status === 'ok') {
      const call = callOf.get(persona.id);
      const done = call
        ? call.units.map((u, i) => ({ unit: u, key: call.keys[i]! }))
        : whole!.units.map((u) => ({ unit: u, key: sectionCacheKey(persona, options.model, u.textHash, whole!.outlineHash) }));
      for (const { unit, key } of done) out.reviewed.push({ key, persona: persona.id, path: doc.path, startLine: unit.startLine, endLine: unit.endLine });
    }
    // One part the API never answered makes the whole persona worth retrying.
    const failure = kinds.has('api') ? 'api' : kinds.has('budget') ? 'budget' : kinds.size > 0 ? 'unusable' : undefined;
    runs.set(persona.id, {
      ...makePersonaRun(persona.id, status, failures.length > 0 ? failures.join('; ') : null, count, usage, options, notes),
      ...(failure ? { failure } : {}),
    });
  });
  return out;
}
