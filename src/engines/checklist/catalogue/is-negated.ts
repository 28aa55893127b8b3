import type { DocumentIndex } from './index-document.js';
import type { TermHit } from './term-hit.js';

/**
 * "no attachments", "without a cache", "retry every 1 s, no backoff", "is not encrypted": the plan
 * names the thing to say it is not there, so it neither introduces a component nor handles a concern.
 * A condition is not a denial: "if no delivery receipt arrives, we email it" plans for the case.
 */
export function isNegated(index: DocumentIndex, hit: TermHit): boolean {
  const raw = index.doc.lines[hit.line - 1] ?? '';
  const at = raw.indexOf(hit.text);
  if (at <= 0) return false;
  const before = raw.slice(0, at);
  const denial = /(?:^|[\s(,;])(no|without|nor|not)\s+(?:(?:any|a|an|the)\s+)?$/i.exec(before);
  if (!denial) return false;
  // The condition must govern this clause: in "When a call fails, the client retries, no backoff" it does not.
  const clause =
    before
      .slice(0, denial.index)
      .split(/[.;:,]/)
      .pop() ?? '';
  return !/\b(?:if|when|whenever|unless|until|once|in case)\b/i.test(clause);
}
