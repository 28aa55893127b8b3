/** Longest clause quoted in a finding: enough for the decision, short enough for a title. */
const MAX_CLAUSE = 160;

/**
 * The clause of a line that holds `text`: from the end of the previous sentence (or the start of
 * the line, past a list marker or table pipe) to the end of this one. Findings about a stated
 * decision quote it, so the reader sees which decision is meant without opening the plan.
 */
export function quoteClause(raw: string, words: string): string {
  // Words not on the line (a caller's paraphrase): quote the line's first sentence.
  const found = raw.indexOf(words);
  const text = found >= 0 ? words : '';
  const at = Math.max(found, 0);
  const head = raw.slice(0, at);
  const starts = [...head.matchAll(/[.;!?|](?:\s|$)|\s[-–—]\s/g)].map((m) => (m.index ?? 0) + m[0].length);
  const start = starts.length > 0 ? starts[starts.length - 1]! : 0;
  const tail = /[.;!?|](?:\s|$)/.exec(raw.slice(at + text.length));
  const end = tail ? at + text.length + tail.index : raw.length;
  const clause = raw
    .slice(start, end)
    .replace(/^\s*(?:[-*+>]|\d+[.)]|#{1,6})\s+/, '')
    .replace(/^\|\s*|\s*\|$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return clause.length > MAX_CLAUSE ? `${clause.slice(0, MAX_CLAUSE - 1).trimEnd()}…` : clause;
}
