import { SEVERITY_RANK } from '../../findings/schema.js';
import type { LlmFinding } from './review-output-schema.js';

/** The `max` most severe findings, in the order the model gave them. */
export function keepMostSevere(findings: LlmFinding[], max: number): LlmFinding[] {
  if (findings.length <= max) return findings;
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || a.i - b.i)
    .slice(0, max)
    .sort((a, b) => a.i - b.i)
    .map(({ f }) => f);
}
