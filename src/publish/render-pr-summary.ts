import { type ReadinessVerdict, VERDICT_LABEL } from '../findings/readiness.js';
import { compareEntries } from '../ledger/compare-entries.js';
import type { Anchor } from '../findings/schema.js';
import type { StatusChangeReport } from '../ledger/reconcile-types.js';
import type { FindingStatus, Ledger } from '../ledger/schema.js';
import { SEVERITY_HEADING, SEVERITY_ICON } from './labels.js';
import { marker } from '../github/markers.js';
import { locationText } from './render-summary-markdown.js';
import { sanitiseMarkdown, tableCell } from './sanitise-markdown.js';

export const STATUS_LABEL: Record<FindingStatus, string> = {
  open: '⏳ open',
  addressed: '✅ addressed',
  'accepted-risk': '🤝 accepted risk',
  withdrawn: '↩️ withdrawn',
  superseded: '➖ superseded',
  regressed: '⚠️ regressed',
};

export interface PrSummaryInput {
  ledger: Ledger;
  headSha: string;
  previousSha: string | null;
  changes: StatusChangeReport[];
  newIds: Set<string>;
  gate: { conclusion: 'success' | 'failure'; blocking: number; level: string };
  personaNames: Map<string, string>;
  linkFor: (anchor: Anchor) => string;
  notes: string[];
  threadsResolvable: boolean;
  /** List at most this many findings (and changes); the rest are counted. Keeps the comment within GitHub's size limit. */
  maxListed?: number;
}

const cell = (text: string): string => tableCell(text);

/** The sticky summary: every finding with its status, what changed since the last revision, readiness over time. */
export function renderPrSummary(input: PrSummaryInput): string {
  const { ledger } = input;
  const latest = ledger.revisions[ledger.revisions.length - 1];
  const out: string[] = [marker.summary];
  const verdict = latest ? (VERDICT_LABEL[latest.verdict as ReadinessVerdict] ?? latest.verdict) : 'not reviewed';
  out.push(`## rfc-panel — readiness ${latest?.readiness ?? '–'}/10 · ${verdict}`);
  out.push('');
  const gateText =
    input.gate.level === 'none'
      ? 'no merge gate configured'
      : input.gate.conclusion === 'failure'
        ? `merge gate **failing**: ${input.gate.blocking} open finding(s) at ${input.gate.level} or above`
        : `merge gate **passing** (${input.gate.level})`;
  out.push(`Revision \`${input.headSha.slice(0, 7)}\` · ${gateText}`);

  const entries = [...ledger.entries].sort(compareEntries);
  out.push('', '### Findings', '');
  if (entries.length === 0) out.push('No findings on the documents in this pull request.');
  else {
    out.push('| | Severity | Finding | Where | Raised by | Status |', '|---|---|---|---|---|---|');
    entries.slice(0, input.maxListed ?? entries.length).forEach((e, i) => {
      const f = e.finding;
      const who = f.personas.map((p) => input.personaNames.get(p) ?? p).join(', ');
      out.push(
        `| ${i + 1} | ${SEVERITY_ICON[f.severity]} ${SEVERITY_HEADING[f.severity]} | ${cell(f.title)} | [${cell(locationText(f.anchor))}](${input.linkFor(f.anchor)}) | ${cell(who)} | ${STATUS_LABEL[e.status]}${input.newIds.has(f.id) ? ' 🆕' : ''} |`,
      );
    });
  }

  const unlisted = entries.length - Math.min(entries.length, input.maxListed ?? entries.length);
  if (unlisted > 0)
    out.push(
      '',
      `…and ${unlisted} more finding(s), not listed: a GitHub comment holds 65,536 characters. Each one is still tracked, and its thread carries its status.`,
    );

  const changed = input.changes.filter((c) => c.from !== null).slice(0, input.maxListed ?? Infinity);
  const fresh = entries.filter((e) => input.newIds.has(e.finding.id)).slice(0, input.maxListed ?? Infinity);
  if (input.previousSha && (changed.length > 0 || fresh.length > 0)) {
    out.push('', `### What changed since \`${input.previousSha.slice(0, 7)}\``, '');
    for (const c of changed) {
      const lines = c.change.lines ? ` (lines ${c.change.lines[0]}–${c.change.lines[1]})` : '';
      const by = c.change.by ? ` by ${cell(c.change.by)}` : '';
      out.push(`- ${STATUS_LABEL[c.to]}${by}: **${cell(c.entry.finding.title)}**${c.change.note ? ` — ${cell(c.change.note)}` : ''}${lines}`);
    }
    for (const e of fresh) out.push(`- 🆕 new ${SEVERITY_HEADING[e.finding.severity].toLowerCase()}: **${cell(e.finding.title)}**`);
  }

  if (ledger.revisions.length > 0) {
    out.push(
      '',
      '### Readiness by revision',
      '',
      '| Revision | Readiness | Verdict | Open critical | Open important | Open nice-to-have |',
      '|---|---|---|---|---|---|',
    );
    for (const r of ledger.revisions.slice(-10)) {
      out.push(
        `| \`${r.sha.slice(0, 7)}\` | ${r.readiness}/10 | ${VERDICT_LABEL[r.verdict as ReadinessVerdict] ?? r.verdict} | ${r.open.critical} | ${r.open.important} | ${r.open.niceToHave} |`,
      );
    }
  }
  const notes = [...input.notes];
  if (!input.threadsResolvable)
    notes.push('Threads of addressed findings were answered but not resolved: the app lacks the permission to resolve review threads.');
  if (notes.length > 0) out.push('', '<details><summary>Notes</summary>', '', ...notes.map((n) => `- ${sanitiseMarkdown(n)}`), '', '</details>');
  out.push(
    '',
    "<sub>Reply in a finding's thread with `addressed`, `won't fix: <reason>` or a question; comment `/rfc-panel review` or press **Re-review** on the check to run the panel again.</sub>",
  );
  return out.join('\n');
}
