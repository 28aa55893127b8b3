import type { DocumentIndex } from './index-document.js';
import { nextProseLine } from './next-prose-line.js';
import type { TermHit } from './term-hit.js';

/**
 * Words that put a mitigation off: "per-device certificates are on the roadmap", "a circuit breaker
 * in phase 2", "rate limiting is not yet built". Such a sentence names the fix in order to say the
 * plan does not have it. Not "next year" ("at 40% growth we add shards next year" plans capacity)
 * nor "we considered" (weighing an alternative is itself what some concerns ask for).
 */
const DEFERRED =
  /\b(?:on (?:the|our) roadmap|roadmap item|(?:a |the )?later (?:phase|release|milestone)|phase (?:2|two|II)\b|future work|in the future|(?:a |the )?future release|follow-?up (?:work|ticket|project|phase|release)|not yet|deferred|postponed|out of scope)\b/i;

const SENTENCE_END = /[.!?](?:["'`*)\]]*)(?:\s|$)/g;

/** The line's index in `index.lines`, which leaves out blank and hidden lines. */
function indexOfLine(index: DocumentIndex, line: number): number {
  let lo = 0;
  let hi = index.lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = index.lines[mid]!.line;
    if (at === line) return mid;
    if (at < line) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Whether the sentence a handled term stands in puts it off to later (read across a hard wrap). */
export function isDeferred(index: DocumentIndex, hit: TermHit): boolean {
  const raw = index.doc.lines[hit.line - 1] ?? '';
  const at = Math.max(0, raw.indexOf(hit.wrapped?.head ?? hit.text));
  let start = 0;
  for (const m of raw.slice(0, at).matchAll(SENTENCE_END)) start = m.index + m[0].length;
  let sentence = raw.slice(start);
  SENTENCE_END.lastIndex = 0;
  const end = [...raw.slice(at).matchAll(SENTENCE_END)][0];
  if (end) sentence = raw.slice(start, at + end.index + 1);
  else {
    const li = indexOfLine(index, hit.line);
    const next = li >= 0 ? nextProseLine(index, li) : null;
    if (next) {
      const nextEnd = [...next.raw.matchAll(SENTENCE_END)][0];
      sentence += ` ${nextEnd ? next.raw.slice(0, nextEnd.index + 1) : next.raw}`;
    }
  }
  return DEFERRED.test(sentence);
}
