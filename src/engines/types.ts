import type { LineRange } from '../documents/diff-revision.js';
import type { PlanDocument } from '../documents/schema.js';
import type { DraftFinding, EngineName, Finding } from '../findings/schema.js';
import type { Verdict } from '../ledger/verifier.js';
import type { Persona } from '../personas/schema.js';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
  /** Estimated from the configured price table; 0 for the offline engine. */
  costUsd: number;
}

export const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0 };

/** How one persona's review went, so a partial panel can name who failed and why. */
export interface PersonaRun {
  persona: string;
  engine: EngineName;
  status: 'ok' | 'failed' | 'skipped';
  reason: string | null;
  /**
   * Why a failed run failed: the service did not answer (`api`, worth retrying), it answered with
   * nothing usable (`unusable`: refusals, replies that fail validation or are cut off), or the
   * token budget stopped it. Absent for runs that did not fail.
   */
  failure?: 'api' | 'unusable' | 'budget';
  findings: number;
  usage: Usage;
}

/**
 * A revision of a document the panel reviewed before, small enough to review incrementally. Absent
 * on a first review, a large rewrite or a forced full review: then the whole document is reviewed.
 */
export interface RevisionInput {
  /** Lines changed since the last reviewed revision, in this revision's numbering. */
  changed: LineRange[];
  /** Findings open on this document (ledger anchors; relocated by the engine). */
  open: Finding[];
  /** Section cache: key → ids of the findings one persona raised on one section's exact text. */
  cache: ReadonlyMap<string, readonly string[]>;
  /** Every finding the ledger knows, by id, to bring remembered results back. */
  known: ReadonlyMap<string, Finding>;
}

export interface EngineRequest {
  document: PlanDocument;
  /** Already selected for this document. */
  personas: Persona[];
  revision?: RevisionInput;
  signal?: AbortSignal;
}

/** One persona's completed review of one section's text: what the section cache remembers. */
export interface ReviewedSection {
  key: string;
  persona: string;
  path: string;
  startLine: number;
  endLine: number;
}

export interface EngineResult {
  findings: DraftFinding[];
  runs: PersonaRun[];
  /** Things the reader should know that are not findings (trimmed input, skipped blocks). */
  notes: string[];
  /** Findings whose quote could not be placed and were kept at section/document level. */
  unanchored: number;
  /** Sections reviewed to completion, for the section cache (engines without one leave it out). */
  reviewed?: ReviewedSection[];
  /** Findings of an incremental review dropped because they concern unchanged text. */
  dropped?: number;
  /** By finding id: open findings on changed text that their persona verified in its review call. */
  verdicts?: Map<string, Verdict>;
}

/** An engine reviews one document with a set of personas. Engines never throw for one persona's failure. */
export interface Engine {
  readonly name: EngineName;
  review(request: EngineRequest): Promise<EngineResult>;
}
