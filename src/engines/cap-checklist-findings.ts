import type { EngineResult } from './types.js';

/**
 * Findings one document may bring from the offline checklist. 10,000 SQL statements raise 60,000,
 * and everything after the engine (merging, ranking, the ledger, the summary) runs on the webhook
 * loop: the most severe are kept, in document order, and the rest are named in a note.
 */
export const MAX_CHECKLIST_FINDINGS = 2_000;

export function capChecklistFindings(result: EngineResult, path: string): EngineResult {
  if (result.findings.length <= MAX_CHECKLIST_FINDINGS) return result;
  const rank = { critical: 0, important: 1, 'nice-to-have': 2 } as const;
  const kept = new Set(
    result.findings
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank[a.f.severity] - rank[b.f.severity] || a.i - b.i)
      .slice(0, MAX_CHECKLIST_FINDINGS)
      .map((x) => x.i),
  );
  return {
    ...result,
    findings: result.findings.filter((_, i) => kept.has(i)),
    notes: [
      ...result.notes,
      `The offline checklist raised ${result.findings.length.toLocaleString('en')} findings on ${path}; the ${MAX_CHECKLIST_FINDINGS.toLocaleString('en')} most severe are kept. Split the document to see the rest.`,
    ],
  };
}
