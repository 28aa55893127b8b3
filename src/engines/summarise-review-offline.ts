import type { Anchor, DraftFinding, Severity } from '../findings/schema.js';
import type { PersonaRun } from './types.js';

/** What a summary needs from a finding; DraftFinding and Finding both fit. */
export type SummaryFinding = Pick<DraftFinding, 'severity' | 'title' | 'personas'> & { anchor: Pick<Anchor, 'section'> };

/**
 * A deterministic two-to-three-sentence executive summary (no network): how many reviewers and
 * findings, the most urgent finding, and whether the review is partial. null when nothing ran.
 */
export function summariseReviewOffline(findings: readonly SummaryFinding[], runs: readonly PersonaRun[]): string | null {
  if (runs.length === 0 && findings.length === 0) return null;
  const reviewers = new Set(runs.filter((r) => r.status !== 'skipped').map((r) => r.persona)).size;
  const panel = `The panel (${reviewers} reviewer${reviewers === 1 ? '' : 's'})`;
  const count = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  const critical = count('critical');
  const important = count('important');
  const nice = count('nice-to-have');

  const sentences: string[] = [];
  if (findings.length === 0) {
    sentences.push(`${panel} raised no findings.`);
  } else {
    const parts = [
      critical > 0 ? `${critical} critical` : null,
      important > 0 ? `${important} important` : null,
      nice > 0 ? `${nice} nice-to-have` : null,
    ].filter((p): p is string => p !== null);
    sentences.push(`${panel} raised ${findings.length} finding${findings.length === 1 ? '' : 's'}: ${joinAnd(parts)}.`);
    const top = findings.find((f) => f.severity === 'critical') ?? findings.find((f) => f.severity === 'important');
    if (top) {
      const where = top.anchor.section ? ` (${top.anchor.section})` : '';
      const others = top.severity === 'critical' ? critical - 1 : important - 1;
      const more = others > 0 ? `, and ${others} more ${top.severity}` : '';
      const lead = top.severity === 'critical' ? 'Most urgent' : 'To fix before launch';
      sentences.push(`${lead}: ${top.title.trim().replace(/[.!?]+$/, '')}${where}${more}.`);
    } else {
      sentences.push('Nothing blocks launch; the findings are improvements.');
    }
  }
  const incomplete = runs.filter((r) => r.status !== 'ok');
  if (incomplete.length > 0) {
    const names = [...new Set(incomplete.map((r) => r.persona))];
    const reason = incomplete.find((r) => r.reason)?.reason;
    sentences.push(`The review is partial: ${joinAnd(names)} did not complete${reason ? ` (${reason})` : ''}.`);
  }
  return sentences.join(' ');
}

function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
