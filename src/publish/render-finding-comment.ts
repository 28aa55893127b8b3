import type { Finding } from '../findings/schema.js';
import { RECOMMENDATION_LABEL, SEVERITY_HEADING, SEVERITY_ICON } from './labels.js';
import { marker } from '../github/markers.js';
import { sanitiseMarkdown } from './sanitise-markdown.js';

/** One finding as a review comment: severity and personas first, then what, why, and the ask. */
export function renderFindingComment(finding: Finding, personaNames: Map<string, string>, options: { withSuggestion: boolean }): string {
  const who = finding.personas.map((p) => personaNames.get(p) ?? p).join(', ');
  const parts = [
    `${SEVERITY_ICON[finding.severity]} **${SEVERITY_HEADING[finding.severity]}** · _${sanitiseMarkdown(who)}_`,
    '',
    `**${sanitiseMarkdown(finding.title)}**`,
    '',
    sanitiseMarkdown(finding.body),
    '',
    `**${RECOMMENDATION_LABEL[finding.recommendation]}.** Reply \`addressed\`, \`won't fix: <reason>\`, or ask a question; push a revision and I'll check it.`,
  ];
  if (options.withSuggestion && finding.suggestion !== null) {
    // A longer fence than any run of backticks in the suggestion keeps it from closing early.
    const fence = '`'.repeat(Math.max(3, ...[...finding.suggestion.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    parts.push('', `${fence}suggestion`, finding.suggestion, fence);
  }
  parts.push('', marker.finding(finding.id));
  return parts.join('\n');
}
