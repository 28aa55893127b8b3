import type { DocumentIndex } from './index-document.js';
import type { TermHit } from './term-hit.js';

/**
 * A protection switched off right after its name. Only the explicit verbs: "turns two-factor off"
 * names the component, and "records under a legal hold are skipped" keeps the hold. "Not
 * configured" and "disabled" deny only when nothing qualifies them: "Redis is not configured with
 * a password" still uses Redis, and "SSO disabled users are purged" still names SSO.
 */
const DENIED_AFTER =
  /^[`'"*)\]]*\s*(?:(?:is|are|was|were|gets|get|stays?|remains?|will be|(?:has|have) been|left)\s+)?(?:turned off|switched off|deactivated|(?:disabled|not (?:enabled|configured|turned on|set up|enforced))(?!\s+(?:with|as|to|by|using|via|users?|accounts?)\b))\b/i;

/**
 * "no attachments", "without a cache", "retry every 1 s, no backoff", "is not encrypted", and the
 * same said afterwards: "Block Public Access turned off", "TLS verification is disabled". The plan
 * names the thing to say it is not there, so it neither introduces a component nor handles a concern.
 * A condition is not a denial: "if no delivery receipt arrives, we email it" plans for the case.
 */
export function isNegated(index: DocumentIndex, hit: TermHit): boolean {
  const raw = index.doc.lines[hit.line - 1] ?? '';
  // A phrase wrapped onto the next line starts on this one and ends on the next: what precedes it is
  // read here, what follows it ("… breaker disabled") there.
  const head = hit.wrapped?.head ?? hit.text;
  const at = hit.wrapped ? raw.lastIndexOf(head) : raw.indexOf(head);
  if (at < 0) return false;
  const before = raw.slice(0, at);
  let after = raw.slice(at + head.length);
  if (hit.wrapped) {
    const next = index.doc.lines[hit.line] ?? '';
    const restAt = next.indexOf(hit.wrapped.rest);
    after = restAt >= 0 ? next.slice(restAt + hit.wrapped.rest.length) : '';
  }
  const denial = /(?:^|[\s(,;])(no|without|nor|not)\s+(?:(?:any|a|an|the)\s+)?$/i.exec(before);
  const deniedAfter = DENIED_AFTER.test(after);
  if (!denial && !deniedAfter) return false;
  // The condition must govern this clause: in "When a call fails, the client retries, no backoff" it does not.
  const clause =
    before
      .slice(0, denial ? denial.index : before.length)
      .split(/[.;:,]/)
      .pop() ?? '';
  return !/\b(?:if|when|whenever|unless|until|once|in case)\b/i.test(clause);
}
