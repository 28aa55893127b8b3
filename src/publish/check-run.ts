export const CHECK_NAME = 'rfc-panel';
export const REREVIEW_ACTION = { label: 'Re-review', description: 'Review what changed since last review', identifier: 'rereview' } as const;
/** The full choice: every document whole, the section cache bypassed (GitHub: label ≤ 20, description ≤ 40, identifier ≤ 20). */
export const FULL_REREVIEW_ACTION = { label: 'Full re-review', description: 'Review every document whole, no cache', identifier: 'rereview-full' } as const;
export const CHECK_ACTIONS = [REREVIEW_ACTION, FULL_REREVIEW_ACTION];

/** Under GitHub's 65,535-character limit on a check run's summary and text. */
const MAX_OUTPUT = 65_000;

const clip = (s: string): string => (s.length > MAX_OUTPUT ? `${s.slice(0, MAX_OUTPUT - 80)}\n\n…(truncated at GitHub's size limit)` : s);

/** A check run's output within GitHub's limits (title 250 characters; summary and text clipped with a note). */
export function fitOutput(output: { title: string; summary: string; text?: string | null }): { title: string; summary: string; text?: string } {
  return { title: output.title.slice(0, 250), summary: clip(output.summary), ...(output.text ? { text: clip(output.text) } : {}) };
}

export interface CheckRunHandle {
  id: number;
}
