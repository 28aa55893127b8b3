import { endsSentence } from './ends-sentence.js';
import type { DocumentIndex, IndexedLine } from './index-document.js';
import { indexOfLine } from './index-of-line.js';
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

/** Whether a sentence ends between word `k - 1` and word `k` of the line. */
function endsBefore(line: IndexedLine, k: number): boolean {
  return endsSentence(line.raw.slice(line.tokens[k - 1]!.end, line.tokens[k]!.start));
}

/** The first sentence end between two of the line's words at or after word `from`: the word it follows, else -1. */
function sentenceEndFrom(line: IndexedLine, from: number): number {
  for (let k = Math.max(from, 1); k < line.tokens.length; k++) if (endsBefore(line, k)) return k - 1;
  return -1;
}

/**
 * Whether the sentence a handled term stands in puts it off to later. Sentences end where the
 * sequence terms' do (endsSentence), and one that runs off the line reads on into the next line of
 * the same paragraph.
 */
export function isDeferred(index: DocumentIndex, hit: TermHit): boolean {
  const li = indexOfLine(index, hit.line);
  const line = index.lines[li];
  if (!line) return false;
  const at = Math.max(0, line.raw.indexOf(hit.wrapped?.head ?? hit.text));
  const first = line.tokens.findIndex((t) => t.end > at);
  let start = 0;
  for (let k = 1; k <= first; k++) if (endsBefore(line, k)) start = line.tokens[k]!.start;
  const end = sentenceEndFrom(line, first + 1);
  if (end >= 0) return DEFERRED.test(line.raw.slice(start, line.tokens[end]!.end));
  // A stop after the line's last word ends the sentence there; otherwise it may wrap.
  const tail = line.raw.slice(line.tokens.at(-1)?.end ?? 0);
  const next = endsSentence(`${tail} `) ? null : nextProseLine(index, li);
  const nextEnd = next ? sentenceEndFrom(next, 1) : -1;
  const wrapped = next ? (nextEnd >= 0 ? next.raw.slice(0, next.tokens[nextEnd]!.end) : next.raw) : '';
  return DEFERRED.test(`${line.raw.slice(start)} ${wrapped}`);
}
