import type { Config } from '../config/schema.js';
import type { Finding } from '../findings/schema.js';
import type { ReviewEvent } from './review-request.js';

/** "Changes requested" only when the repository asks for it and a Critical finding is open; otherwise a comment. */
export function chooseReviewEvent(config: Pick<Config, 'reviewEvent'>, open: Pick<Finding, 'severity'>[]): ReviewEvent {
  return config.reviewEvent === 'request-changes' && open.some((f) => f.severity === 'critical') ? 'REQUEST_CHANGES' : 'COMMENT';
}
