import type { Config } from '../config/schema.js';

/**
 * Who may settle a finding (accept it as a risk, or let its reviewer's concession stand): a writer
 * always; the pull request's author too, except for a Critical finding unless the repository lets
 * authors accept those (`acceptCritical: author-or-writer`).
 */
export function maySettleFinding(who: { isWriter: boolean; isAuthor: boolean }, critical: boolean, acceptCritical: Config['acceptCritical']): boolean {
  return who.isWriter || (who.isAuthor && (!critical || acceptCritical === 'author-or-writer'));
}
