import type { PlanDocument } from '../documents/schema.js';
import type { DraftFinding, EngineName } from '../findings/schema.js';
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

export interface EngineRequest {
  document: PlanDocument;
  /** Already selected for this document. */
  personas: Persona[];
  signal?: AbortSignal;
}

export interface EngineResult {
  findings: DraftFinding[];
  runs: PersonaRun[];
  /** Things the reader should know that are not findings (trimmed input, skipped blocks). */
  notes: string[];
  /** Findings whose quote could not be placed and were kept at section/document level. */
  unanchored: number;
}

/** An engine reviews one document with a set of personas. Engines never throw for one persona's failure. */
export interface Engine {
  readonly name: EngineName;
  review(request: EngineRequest): Promise<EngineResult>;
}
