import { DEFAULT_CAPS } from '../config/schema.js';
import { type Finding, SEVERITIES, SEVERITY_RANK, type Severity } from '../findings/schema.js';

export type SeverityCaps = Record<Severity, number>;

/**
 * Most severe first, then by file and line so a reader walks the document top to bottom within a
 * severity; gaps (no line) after the line findings of their severity. Findings beyond a severity's
 * cap are returned separately so every surface can say how many were held back.
 */
export function rankFindings(findings: Finding[], caps: SeverityCaps = DEFAULT_CAPS): { shown: Finding[]; held: Finding[] } {
  const sorted = [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.anchor.path.localeCompare(b.anchor.path) ||
      (a.anchor.startLine ?? Number.MAX_SAFE_INTEGER) - (b.anchor.startLine ?? Number.MAX_SAFE_INTEGER) ||
      a.id.localeCompare(b.id),
  );
  const shown: Finding[] = [];
  const held: Finding[] = [];
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of sorted) {
    counts[f.severity]++;
    (counts[f.severity] <= caps[f.severity] ? shown : held).push(f);
  }
  return { shown, held };
}
