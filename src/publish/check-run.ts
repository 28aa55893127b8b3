export const CHECK_NAME = 'rfc-panel';
export const REREVIEW_ACTION = { label: 'Re-review', description: 'Review what changed since last review', identifier: 'rereview' } as const;
/** The full choice: every document whole, the section cache bypassed (GitHub: label ≤ 20, description ≤ 40, identifier ≤ 20). */
export const FULL_REREVIEW_ACTION = { label: 'Full re-review', description: 'Review every document whole, no cache', identifier: 'rereview-full' } as const;
export const CHECK_ACTIONS = [REREVIEW_ACTION, FULL_REREVIEW_ACTION];

/** Under GitHub's 65,535-character limit on a check run's summary and text. */
export const MAX_OUTPUT = 65_000;

export interface CheckRunHandle {
  id: number;
}
