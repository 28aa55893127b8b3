import { findSection } from '../../documents/find-section.js';
import type { PlanDocument } from '../../documents/schema.js';
import { loadCatalogue } from './catalogue/load-catalogue.js';
import { handledInSection } from './catalogue/handled-in-section.js';
import { indexOf } from './catalogue/index-document.js';
import { loadRules } from './load-rules.js';
import type { Evidence } from '../../ledger/verifier.js';
import type { LedgerEntry } from '../../ledger/schema.js';

/**
 * Why the checklist now considers a finding fixed, in the document's own words: the first line
 * that answers the rule (its mitigation), preferring the finding's own section; for SQL rules,
 * the statement as it reads now.
 */
export function findFixEvidence(entry: LedgerEntry, doc: PlanDocument): Evidence | null {
  const concern = entry.finding.ruleId ? loadCatalogue().concerns.get(entry.finding.ruleId) : undefined;
  if (concern) {
    const anchorLine = entry.finding.anchor.startLine;
    const section = anchorLine !== null ? findSection(doc, anchorLine) : null;
    const index = indexOf(doc);
    const candidates = concern.handled.match(index).filter((h) => index.active.has(h.line));
    const inSection = candidates.find((c) => section && c.line >= section.startLine && c.line <= section.endLine);
    // A concern that only counts handling in its own section was not fixed by a line elsewhere.
    const preferred = inSection ?? (handledInSection(concern) ? undefined : candidates[0]);
    return preferred ? { note: `“${clip(doc.lines[preferred.line - 1]!.trim())}”`, lines: [preferred.line, preferred.line] } : null;
  }
  const rule = entry.finding.ruleId ? loadRules().get(entry.finding.ruleId) : undefined;
  if (!rule) return null;
  const { startLine, endLine } = entry.finding.anchor;
  if (entry.finding.anchor.level === 'line' && startLine !== null && endLine !== null) {
    return {
      note: `now reads “${clip(
        doc.lines
          .slice(startLine - 1, endLine)
          .map((l) => l.trim())
          .join(' '),
      )}”`,
      lines: [startLine, endLine],
    };
  }
  return null;
}

function clip(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}
