import { VERDICT_LABEL } from '../findings/readiness.js';
import { SEVERITIES } from '../findings/schema.js';
import type { PanelResult } from '../panel/run-panel.js';
import { RECOMMENDATION_LABEL, SEVERITY_HEADING } from '../publish/labels.js';
import { formatCost } from '../publish/render-summary-markdown.js';

export interface TextStyle {
  bold: (s: string) => string;
  dim: (s: string) => string;
}

export const PLAIN: TextStyle = { bold: (s) => s, dim: (s) => s };
export const ANSI: TextStyle = { bold: (s) => `\x1b[1m${s}\x1b[22m`, dim: (s) => `\x1b[2m${s}\x1b[22m` };

function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line.length > 0 && line.length + word.length + 1 > width) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(indent + line);
  }
  return out.join('\n');
}

/** Findings grouped Critical / Important / Nice-to-have, each with `path:line` and who raised it. */
export function renderText(result: PanelResult, style: TextStyle = PLAIN): string {
  const { summary } = result;
  const names = new Map(result.consulted.map((p) => [p.id, p.name]));
  const out: string[] = [];
  out.push(style.bold(`Readiness ${summary.readiness}/10 — ${VERDICT_LABEL[summary.verdict]}`));
  out.push(
    `${summary.critical} critical, ${summary.important} important, ${summary.niceToHave} nice-to-have · panel: ${result.consulted.map((p) => p.name).join(', ') || 'none'}`,
  );
  if (result.executiveSummary) out.push('', wrap(result.executiveSummary, 96, ''));
  for (const severity of SEVERITIES) {
    const items = result.findings.filter((f) => f.severity === severity);
    if (items.length === 0) continue;
    out.push('', style.bold(`${SEVERITY_HEADING[severity].toUpperCase()} (${items.length})`));
    for (const f of items) {
      const where =
        f.anchor.level === 'line'
          ? `${f.anchor.path}:${f.anchor.startLine}`
          : f.anchor.level === 'section'
            ? `${f.anchor.path} § ${f.anchor.section}`
            : `${f.anchor.path}`;
      out.push(`  ${where}  ${style.bold(f.title)}  ${style.dim(`[${f.personas.map((p) => names.get(p) ?? p).join(', ')}]`)}`);
      out.push(wrap(f.body, 92, '      '));
      out.push(`      ${RECOMMENDATION_LABEL[f.recommendation]} · ${style.dim(f.id)}`);
    }
  }
  if (result.findings.length === 0) out.push('', 'No findings.');
  const extras: string[] = [];
  if (result.held.length > 0) extras.push(`${result.held.length} more finding(s) beyond the per-severity caps (counted in the score).`);
  if (result.unanchored > 0) extras.push(`${result.unanchored} finding(s) could not be placed on a line and are shown at section or document level.`);
  for (const r of result.runs.filter((x) => x.status === 'failed')) extras.push(`${names.get(r.persona) ?? r.persona} (${r.engine}) failed: ${r.reason}`);
  extras.push(...result.notes);
  const u = result.usage;
  if (u.inputTokens + u.outputTokens > 0) {
    extras.push(
      `Tokens: ${u.inputTokens} in, ${u.outputTokens} out, ${u.cacheCreationInputTokens} cache write, ${u.cacheReadInputTokens} cache read · cost ${formatCost(u.costUsd)}`,
    );
  }
  if (extras.length > 0) out.push('', ...extras.map((e) => style.dim(`note: ${e}`)));
  return out.join('\n');
}
