import type { PlanDocument } from '../documents/schema.js';
import type { Engine, EngineResult, PersonaRun, ReviewedSection, RevisionInput, Usage } from '../engines/types.js';
import { mergeFindings } from '../findings/merge-findings.js';
import { computeReadiness, type Readiness } from '../findings/readiness.js';
import type { DraftFinding, Finding } from '../findings/schema.js';
import type { Persona } from '../personas/schema.js';
import { creditFindings } from './credit-findings.js';
import { DEFAULT_CAPS } from '../config/schema.js';
import { rankFindings, type SeverityCaps } from './rank-findings.js';
import { recoverFailedPanel } from './recover-failed-panel.js';
import { selectPersonas } from './select-personas.js';
import { sumUsage } from './sum-usage.js';
import type { Summariser } from './create-summariser.js';
import { summariseReviewOffline } from '../engines/summarise-review-offline.js';
import type { Verdict } from '../ledger/verifier.js';

export interface PanelOptions {
  engines: Engine[];
  personas: Persona[];
  only?: string[];
  disabled?: string[];
  caps?: SeverityCaps;
  /** Called as each document finishes, for progress output. */
  onDocument?: (doc: PlanDocument, index: number, total: number) => void;
  signal?: AbortSignal;
  /** Writes the executive summary; the deterministic one when absent. */
  summarise?: Summariser;
  /** By path: documents to review incrementally (what changed since the last review); others are reviewed whole. */
  revisions?: ReadonlyMap<string, RevisionInput>;
  /**
   * When no model reviewer completed because the API did not answer: review with the offline
   * checklist instead of failing (the job's last attempt; earlier attempts fail and are retried,
   * since an outage usually passes). Replies that came back unusable always fall back: retrying
   * the same model on the same text tends to produce the same reply.
   */
  fallbackOnOutage?: boolean;
  /** The offline engine that reviews when the model panel could not (the app's runs off-thread, with the repository's templates). */
  fallback?: Engine;
}

export interface PanelResult {
  /** Shown findings, ranked. */
  findings: Finding[];
  /** Findings beyond the severity caps: counted in the summary, listed nowhere else. */
  held: Finding[];
  runs: PersonaRun[];
  /** Personas consulted, in panel order. */
  consulted: Array<{ id: string; name: string }>;
  notes: string[];
  unanchored: number;
  usage: Usage;
  /** Sections reviewed to completion, per persona: what the section cache remembers. */
  reviewed: ReviewedSection[];
  /** Findings of incremental reviews dropped because they concern unchanged text. */
  dropped: number;
  /** By finding id: open findings on changed text verified inside incremental review calls. */
  verdicts: Map<string, Verdict>;
  /** Computed on every open finding, shown or held. */
  summary: Readiness;
  /** Two or three sentences for a busy reader; null when nothing ran. */
  executiveSummary: string | null;
  /** Why the offline checklist reviewed instead of the configured model panel; null when it did not. */
  degraded: string | null;
}

/**
 * One review of one revision: for each document, select the relevant personas, run every engine
 * for them, then merge what they found across personas and engines, rank it and score it.
 */
export async function runPanel(documents: PlanDocument[], options: PanelOptions): Promise<PanelResult> {
  const drafts: DraftFinding[] = [];
  const runs: PersonaRun[] = [];
  const notes: string[] = [];
  const consulted = new Map<string, string>();
  const reviewed: ReviewedSection[] = [];
  let dropped = 0;
  const verdicts = new Map<string, Verdict>();
  const selections: Array<{ document: PlanDocument; selected: Persona[] }> = [];
  let unanchored = 0;
  const collect = (result: EngineResult): void => {
    drafts.push(...creditFindings(result.findings, options, consulted));
    runs.push(...result.runs);
    notes.push(...result.notes);
    unanchored += result.unanchored;
    reviewed.push(...(result.reviewed ?? []));
    dropped += result.dropped ?? 0;
    for (const [id, v] of result.verdicts ?? []) verdicts.set(id, v);
  };

  for (const [index, document] of documents.entries()) {
    const selected = selectPersonas(document, options.personas, { only: options.only, disabled: options.disabled }).map((s) => s.persona);
    selections.push({ document, selected });
    for (const p of selected) consulted.set(p.id, p.name);
    const revision = options.revisions?.get(document.path);
    const results = await Promise.all(
      options.engines.map((engine) => engine.review({ document, personas: selected, signal: options.signal, ...(revision ? { revision } : {}) })),
    );
    results.forEach(collect);
    options.onDocument?.(document, index, documents.length);
  }

  const degraded = await recoverFailedPanel(runs, selections, options, collect, notes);

  const merged = mergeFindings(drafts);
  const { shown, held } = rankFindings(merged, options.caps ?? DEFAULT_CAPS);
  if (held.length > 0) notes.push(`${held.length} lower-ranked finding(s) beyond the per-severity caps are counted but not listed.`);
  const summarise = options.summarise ?? (async (f: Finding[], r: PersonaRun[]) => summariseReviewOffline(f, r));
  const executiveSummary = await summarise([...shown, ...held], runs);
  return {
    executiveSummary,
    findings: shown,
    held,
    runs,
    consulted: [...consulted].map(([id, name]) => ({ id, name })),
    notes: [...new Set(notes)],
    unanchored,
    reviewed,
    dropped,
    verdicts,
    usage: sumUsage(runs.map((r) => r.usage)),
    summary: computeReadiness(merged),
    degraded,
  };
}
