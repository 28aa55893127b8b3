import type { Anchor, Finding, Severity } from '../findings/schema.js';
import { SEVERITIES } from '../findings/schema.js';
import { VERDICT_LABEL } from '../findings/readiness.js';
import type { PanelResult } from '../panel/run-panel.js';
import { RECOMMENDATION_LABEL, SEVERITY_HEADING, SEVERITY_ICON } from './labels.js';
import { sanitiseMarkdown } from './sanitise-markdown.js';

export interface SummaryOptions {
  /** Turns an anchor into a link (a permalink at the head SHA on GitHub); plain text otherwise. */
  linkFor?: (anchor: Anchor) => string | null;
  personaNames?: Map<string, string>;
  engineLabel?: string;
}

export function locationText(anchor: Anchor): string {
  if (anchor.level === 'line' && anchor.startLine !== null) {
    const lines = anchor.endLine !== null && anchor.endLine !== anchor.startLine ? `lines ${anchor.startLine}–${anchor.endLine}` : `line ${anchor.startLine}`;
    return `${anchor.path} ${lines}`;
  }
  if (anchor.level === 'section' && anchor.section) return `${anchor.path} § ${anchor.section}`;
  return `${anchor.path} (whole document)`;
}

export function formatCost(usd: number): string {
  return usd === 0 ? '$0 (offline)' : `$${usd.toFixed(usd < 0.01 ? 4 : 2)}`;
}

/** The review summary as a pull request shows it; the CLI's `--format markdown` prints the same. */
export function renderSummaryMarkdown(result: PanelResult, options: SummaryOptions = {}): string {
  const { summary } = result;
  const names = options.personaNames ?? new Map(result.consulted.map((p) => [p.id, p.name]));
  const out: string[] = [];
  out.push(`## rfc-panel review — readiness ${summary.readiness}/10 · ${VERDICT_LABEL[summary.verdict]}`);
  out.push('');
  out.push(
    `**${summary.critical} critical · ${summary.important} important · ${summary.niceToHave} nice-to-have**` +
      ` · panel: ${sanitiseMarkdown(result.consulted.map((p) => p.name).join(', ')) || 'none'}`,
  );
  if (result.executiveSummary) out.push('', `> ${sanitiseMarkdown(result.executiveSummary).replace(/\n/g, '\n> ')}`);
  const bySeverity = new Map<Severity, Finding[]>(SEVERITIES.map((s) => [s, result.findings.filter((f) => f.severity === s)]));
  for (const severity of SEVERITIES) {
    const items = bySeverity.get(severity) ?? [];
    if (items.length === 0) continue;
    out.push('', `### ${SEVERITY_ICON[severity]} ${SEVERITY_HEADING[severity]} (${items.length})`, '');
    items.forEach((f, i) => {
      const link = options.linkFor?.(f.anchor) ?? null;
      // A file name is the PR author's text: in link text it could carry a mention or a marker.
      const where = link ? `[${sanitiseMarkdown(locationText(f.anchor))}](${link})` : `\`${sanitiseMarkdown(locationText(f.anchor)).replace(/`/g, "'")}\``;
      // Persona names can come from a repository's own files: untrusted like the document.
      const who = sanitiseMarkdown(f.personas.map((p) => names.get(p) ?? p).join(', '));
      out.push(`${i + 1}. **${sanitiseMarkdown(f.title)}** — ${where} · _${who}_  `);
      out.push(`   ${sanitiseMarkdown(f.body).replace(/\n/g, '\n   ')}  `);
      out.push(`   **${RECOMMENDATION_LABEL[f.recommendation]}** · \`${f.id}\``);
    });
  }
  if (result.findings.length === 0) out.push('', 'No open findings. ✅');
  const held = result.held.length;
  const failed = result.runs.filter((r) => r.status === 'failed');
  const details: string[] = [];
  if (held > 0) details.push(`- ${held} more finding(s) beyond the per-severity caps (counted in the score).`);
  if (result.unanchored > 0) details.push(`- ${result.unanchored} finding(s) whose quote could not be found are shown at section or document level.`);
  for (const r of failed)
    details.push(`- ⚠️ ${sanitiseMarkdown(names.get(r.persona) ?? r.persona)} (${r.engine}) failed: ${sanitiseMarkdown(r.reason ?? 'unknown error')}`);
  for (const n of result.notes) details.push(`- ${sanitiseMarkdown(n)}`);
  const u = result.usage;
  details.push(
    `- Engine: ${options.engineLabel ?? [...new Set(result.runs.map((r) => r.engine))].join(' + ')}; cost ${formatCost(u.costUsd)}` +
      (u.inputTokens + u.outputTokens > 0
        ? ` (tokens: ${u.inputTokens} in, ${u.outputTokens} out, ${u.cacheCreationInputTokens} cache write, ${u.cacheReadInputTokens} cache read)`
        : ''),
  );
  out.push('', '<details><summary>Panel details</summary>', '', ...details, '', '</details>');
  return out.join('\n');
}
