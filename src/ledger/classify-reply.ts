export type ReplyIntent =
  | { kind: 'addressed' }
  | { kind: 'wont-fix'; reason: string | null }
  | { kind: 'question' }
  | { kind: 'disagreement' }
  | { kind: 'withdraw' }
  | { kind: 'other' };

const WONT_FIX =
  /\b(?:won'?t|will not|not going to|can'?t|cannot)\s+(?:fix|change|address|do)\b|\bwont-?fix\b|\baccept(?:ed|ing)?\s+(?:the\s+|this\s+)?risk\b|\bout of scope\b|\bby design\b|\bdeferr?(?:ed|ing)?\s+(?:to|until)\b/i;
const DISAGREE =
  /\b(?:disagree|not (?:an?\s+)?(?:real\s+)?(?:issue|problem|concern|bug)|false positive|does(?:n'?t| not) apply|not applicable|irrelevant|this is wrong|incorrect)\b/i;
const ADDRESSED = /\b(?:addressed|fixed|done|resolved|handled|covered|added|updated|implemented|now (?:has|includes|covers|describes|specifies))\b/i;
// Contractions are listed whole: a bare `n't` after `\b` never matches inside "isn't", and `\w+nt` would read "went" as a negation.
const NEGATED =
  /\b(?:not|(?:is|are|was|were|has|have|had|do|does|did|wo|ca|could|should|would)n'?t|no longer|yet to be)\s+(?:\w+\s+)?(?:addressed|fixed|done|resolved|handled|covered|added|updated)\b/i;
const QUESTION = /^(?:why|how|what|which|where|when|could|can|should|would|is|are|does|do|did|will)\b/i;

/**
 * What a reply in a finding's thread means, by rules that are easy to predict: an explicit
 * decision (won't fix, withdraw) beats an argument, an argument beats a question, and only an
 * unnegated claim counts as "addressed". The text after "won't fix:" is the recorded reason.
 */
export function classifyReply(body: string): ReplyIntent {
  const text = body
    .replace(/^>.*$/gm, '')
    .replace(/```[\s\S]*?```/g, '')
    .trim();
  if (/^\/rfc-panel\s+withdraw\b/im.test(text)) return { kind: 'withdraw' };
  const wont = WONT_FIX.exec(text);
  if (wont) {
    const after = text
      .slice(wont.index + wont[0].length)
      .replace(/^[\s:—–-]+/, '')
      .trim();
    const before = text.slice(0, wont.index).trim();
    const reason = after.length >= 3 ? after : before.length >= 3 ? before : null;
    return { kind: 'wont-fix', reason: reason ? reason.slice(0, 500) : null };
  }
  if (DISAGREE.test(text)) return { kind: 'disagreement' };
  if (text.endsWith('?') || QUESTION.test(text)) return { kind: 'question' };
  if (ADDRESSED.test(text) && !NEGATED.test(text)) return { kind: 'addressed' };
  return { kind: 'other' };
}
