import { SEVERITY_RANK } from '../findings/schema.js';
import type { LedgerEntry } from '../ledger/schema.js';
import { SEVERITY_HEADING } from '../publish/labels.js';
import type { RevisionComparison } from './compare-revisions.js';
import type { TextStyle } from './render-text.js';

function where(e: LedgerEntry): string {
  const a = e.finding.anchor;
  return a.level === 'line' ? `${a.path}:${a.startLine}` : a.level === 'section' ? `${a.path} § ${a.section}` : a.path;
}

function groups(c: RevisionComparison) {
  const changed = new Map(c.reconciled.changes.map((ch) => [ch.entry.finding.id, ch]));
  const newIds = new Set(c.reconciled.newFindings.map((f) => f.id));
  const entries = [...c.reconciled.ledger.entries].sort((a, b) => SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity]);
  return {
    addressed: entries.filter((e) => e.status === 'addressed' && changed.has(e.finding.id)),
    regressed: entries.filter((e) => e.status === 'regressed'),
    open: entries.filter((e) => e.status === 'open' && !newIds.has(e.finding.id)),
    fresh: entries.filter((e) => newIds.has(e.finding.id)),
    changed,
  };
}

/** addressed / still open / new / regressed, the way the sticky summary's "What changed" reads. */
export function renderComparisonText(c: RevisionComparison, style: TextStyle): string {
  const g = groups(c);
  const out: string[] = [];
  out.push(style.bold(`Readiness ${c.before.summary.readiness}/10 → ${c.after.summary.readiness}/10`));
  const section = (title: string, items: LedgerEntry[], detail: (e: LedgerEntry) => string | null) => {
    out.push('', style.bold(`${title} (${items.length})`));
    for (const e of items) {
      out.push(`  ${where(e)}  [${SEVERITY_HEADING[e.finding.severity]}] ${e.finding.title}`);
      const d = detail(e);
      if (d) out.push(`      ${style.dim(d)}`);
    }
  };
  section('Addressed', g.addressed, (e) => {
    const ch = g.changed.get(e.finding.id)?.change;
    return ch?.note ? `evidence: ${ch.note}${ch.lines ? ` (lines ${ch.lines[0]}–${ch.lines[1]})` : ''}` : null;
  });
  section('Still open', g.open, () => null);
  section('New', g.fresh, () => null);
  if (g.regressed.length > 0) section('Regressed', g.regressed, () => null);
  return out.join('\n');
}

export function renderComparisonJson(c: RevisionComparison): string {
  const g = groups(c);
  const item = (e: LedgerEntry) => {
    const ch = g.changed.get(e.finding.id)?.change ?? null;
    const a = e.finding.anchor;
    return {
      id: e.finding.id,
      status: e.status,
      severity: e.finding.severity,
      title: e.finding.title,
      path: a.path,
      line: a.level === 'line' ? a.startLine : null,
      endLine: a.level === 'line' ? a.endLine : null,
      section: a.section,
      evidence: ch?.note ?? null,
      evidenceLines: ch?.lines ?? null,
    };
  };
  return JSON.stringify(
    {
      addressed: g.addressed.map(item),
      stillOpen: g.open.map(item),
      new: g.fresh.map(item),
      regressed: g.regressed.map(item),
      summary: { before: c.before.summary, after: c.after.summary },
    },
    null,
    2,
  );
}
