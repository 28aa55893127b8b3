import type { Finding, Severity } from '../findings/schema.js';
import type { PanelResult } from '../panel/run-panel.js';
import { RECOMMENDATION_LABEL } from '../publish/labels.js';
import { nameRule } from './name-rule.js';

const SEVERITY: Record<Severity, 'ERROR' | 'WARNING' | 'INFO'> = { critical: 'ERROR', important: 'WARNING', 'nice-to-have': 'INFO' };

/**
 * reviewdog's range is line-wise when no column is given: start and end lines both included. A
 * section finding points at its heading, a document finding at line 1 (reviewdog needs a line to
 * comment on).
 */
function rangeOf(finding: Finding): { start: { line: number }; end: { line: number } } {
  const { anchor } = finding;
  if (anchor.level === 'line' && anchor.startLine !== null) return { start: { line: anchor.startLine }, end: { line: anchor.endLine ?? anchor.startLine } };
  const line = anchor.level === 'section' && anchor.startLine !== null ? anchor.startLine : 1;
  return { start: { line }, end: { line } };
}

/**
 * reviewdog's Diagnostic Result format (`reviewdog -f=rdjson`): one diagnostic per open finding,
 * the persona as its source, the rule as its code, and a line finding's suggested text as a fix
 * that replaces the whole anchored lines (hence the trailing newline).
 */
export function renderRdjson(result: PanelResult): string {
  const names = new Map(result.consulted.map((p) => [p.id, p.name]));
  const diagnostics = [...result.findings, ...result.held].map((f) => ({
    message: `${f.title}\n\n${f.body}\n\n${RECOMMENDATION_LABEL[f.recommendation]} · ${f.id}`,
    location: { path: f.anchor.path, range: rangeOf(f) },
    severity: SEVERITY[f.severity],
    source: { name: f.personas.map((p) => names.get(p) ?? p).join(', ') },
    code: { value: nameRule(f) },
    ...(f.suggestion !== null && f.anchor.level === 'line'
      ? { suggestions: [{ range: rangeOf(f), text: f.suggestion.endsWith('\n') ? f.suggestion : `${f.suggestion}\n` }] }
      : {}),
  }));
  return JSON.stringify({ source: { name: 'rfc-panel' }, diagnostics }, null, 2);
}
