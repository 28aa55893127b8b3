/**
 * Whether the text between two words ends a sentence: a stop (. ; ! ?), perhaps closed by markup or
 * a quote (`**done.**`, `"done."`, `done.)`), then a space. "0.9" has no space after its stop, and an
 * ellipsis ("UPDATE ... RETURNING", "SELECT … FOR UPDATE") elides words inside one sentence.
 */
export function endsSentence(gap: string): boolean {
  // Most gaps are a space: no stop, no sentence end, and nothing to allocate.
  if (!/[.;!?]/u.test(gap)) return false;
  return /[.;!?][*_`'’")\]]*\s/u.test(gap.replace(/\.{3,}|…/gu, ' '));
}
