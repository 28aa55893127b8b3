/**
 * A cheap token estimate for budgeting before a call: about four characters per token for English
 * prose and Markdown. It undercounts dense code a little; the budget corrects itself with the
 * usage each reply reports.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
