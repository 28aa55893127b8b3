import type { Finding } from './schema.js';

/** The verdict on a whole revision (not the ledger's `Verdict`, a verifier's answer on one finding). */
export type ReadinessVerdict = 'ready-with-minor-tweaks' | 'needs-significant-changes' | 'needs-redesign';

export const VERDICT_LABEL: Record<ReadinessVerdict, string> = {
  'ready-with-minor-tweaks': 'Ready with minor tweaks',
  'needs-significant-changes': 'Needs significant changes',
  'needs-redesign': 'Needs redesign',
};

export interface Readiness {
  critical: number;
  important: number;
  niceToHave: number;
  /** 1–10, 10 = nothing open. */
  readiness: number;
  verdict: ReadinessVerdict;
}

/**
 * Readiness = 10 − 2·critical − 0.75·important − 0.25·nice-to-have, rounded, clamped to 1–10.
 * Verdict: 3+ critical or readiness ≤ 3 → needs redesign; any critical or 3+ important → needs
 * significant changes; otherwise ready with minor tweaks. Open findings only: an addressed or
 * accepted finding no longer counts.
 */
export function computeReadiness(findings: Array<Pick<Finding, 'severity'>>): Readiness {
  const critical = findings.filter((f) => f.severity === 'critical').length;
  const important = findings.filter((f) => f.severity === 'important').length;
  const niceToHave = findings.filter((f) => f.severity === 'nice-to-have').length;
  const raw = 10 - 2 * critical - 0.75 * important - 0.25 * niceToHave;
  const readiness = Math.min(10, Math.max(1, Math.round(raw)));
  const verdict: ReadinessVerdict =
    critical >= 3 || readiness <= 3 ? 'needs-redesign' : critical > 0 || important >= 3 ? 'needs-significant-changes' : 'ready-with-minor-tweaks';
  return { critical, important, niceToHave, readiness, verdict };
}
