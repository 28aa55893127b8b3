import type { ClaimCheck } from '../ledger/check-response-claims.js';
import { tableCell } from './sanitise-markdown.js';

const OUTCOME_LABEL: Record<ClaimCheck['outcome'], string> = {
  verified: '✅ verified',
  'verified-elsewhere': '✅ verified (elsewhere)',
  'not-verified': '⏳ not fixed yet',
  unverifiable: '🕓 checked on next revision',
  unmatched: '❓ no matching finding',
  noted: '📝 noted',
};

/** Below GitHub's 65,536-character comment limit, with room for the marker. */
const MAX_ANSWER_CHARS = 60_000;

export interface ResponseAnswer {
  checks: ClaimCheck[];
  /** "this response", or the response document's path. */
  source: string;
  headSha: string;
  /** Items the response holds, and how many of them were checked. */
  items: number;
  checked: number;
  /** The responder may settle findings (author or writer). */
  mayDecide: boolean;
  tag: string;
}

const cell = (text: string): string => tableCell(text, 300);

/** The answer to a response: one table row per checked item, halved until it fits in a comment. */
export function renderResponseAnswer(a: ResponseAnswer): string {
  const rows = a.checks.map(
    (c) =>
      `| ${cell(c.claim.heading)} | ${c.entry ? cell(c.entry.finding.title) : '—'} | ${OUTCOME_LABEL[c.outcome]} | ${cell(c.detail)}${c.lines ? ` (lines ${c.lines[0]}–${c.lines[1]})` : ''} |`,
  );
  const render = (shown: string[]): string =>
    [
      `Checked ${a.checks.length} item(s) of ${a.source} against \`${a.headSha.slice(0, 7)}\`:`,
      '',
      '| Item | Finding | Result | Evidence / what is missing |',
      '|---|---|---|---|',
      ...shown,
      ...(shown.length < rows.length
        ? [
            '',
            `…and ${rows.length - shown.length} more item(s), not listed to stay within GitHub's comment size limit; the sticky summary shows every finding's status.`,
          ]
        : []),
      ...(a.items > a.checked
        ? ['', `Only the first ${a.checked} of ${a.items} items were checked; answer the rest in their threads or in a shorter response.`]
        : []),
      ...(a.mayDecide ? [] : ['', 'Only the pull request author or someone with write access can close findings; nothing was changed.']),
      '',
      a.tag,
    ].join('\n');
  let shown = rows.length;
  let body = render(rows);
  while (body.length > MAX_ANSWER_CHARS && shown > 0) body = render(rows.slice(0, (shown = Math.floor(shown / 2))));
  return body;
}
