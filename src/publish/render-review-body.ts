import type { Anchor, Finding } from '../findings/schema.js';
import type { PanelResult } from '../panel/run-panel.js';
import { renderSummaryMarkdown } from './render-summary-markdown.js';

/** The body of a revision's review: the new findings, and why some of them are not inline. */
export function renderReviewBody(panel: PanelResult, shownNew: Finding[], outside: Finding[], linkFor: (a: Anchor) => string, followUp: boolean): string {
  const body = renderSummaryMarkdown({ ...panel, findings: shownNew }, { linkFor });
  const fallback = panel.degraded ? `> ⚠️ ${panel.degraded}; the offline checklist panel reviewed this revision instead.\n\n` : '';
  const lead = `${fallback}${followUp ? '_New findings on this revision; the sticky summary tracks every finding._\n\n' : ''}`;
  const tail =
    outside.length > 0
      ? `\n\n${outside.length} finding(s) above concern lines outside this diff or whole sections; they are linked to the exact lines instead of commented inline.`
      : '';
  return `${lead}${body}${tail}`;
}
