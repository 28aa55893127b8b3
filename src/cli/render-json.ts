import type { PanelResult } from '../panel/run-panel.js';

/**
 * The machine-readable review. Field names in `findings[]` and `summary` are a contract with other
 * tools: add fields, never rename or remove them. Lines are 1-based, null for gaps.
 */
export function renderJson(result: PanelResult, extra: { noContent?: string[] } = {}): string {
  const findings = result.findings.map((f) => ({
    id: f.id,
    persona: f.personas[0],
    severity: f.severity,
    title: f.title,
    body: f.body,
    recommendation: f.recommendation,
    path: f.anchor.path,
    line: f.anchor.level === 'line' ? f.anchor.startLine : null,
    endLine: f.anchor.level === 'line' ? f.anchor.endLine : null,
    quote: f.anchor.quote,
    section: f.anchor.section,
    personas: f.personas,
    engines: f.engines,
    concern: f.concern,
    ruleId: f.ruleId,
    suggestion: f.suggestion,
    level: f.anchor.level,
  }));
  const { critical, important, niceToHave, readiness, verdict } = result.summary;
  return JSON.stringify(
    {
      findings,
      summary: { critical, important, niceToHave, readiness, verdict, held: result.held.length, unanchored: result.unanchored },
      executiveSummary: result.executiveSummary,
      panel: result.consulted.map((p) => p.id),
      runs: result.runs.map(({ persona, engine, status, reason, findings: count }) => ({ persona, engine, status, reason, findings: count })),
      notes: result.notes,
      usage: result.usage,
      // Documents with nothing to review (empty, headings only): their zero findings are not a pass.
      noContent: extra.noContent ?? [],
    },
    null,
    2,
  );
}
