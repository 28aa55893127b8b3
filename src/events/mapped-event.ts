import type { Job } from '../queue/schema.js';

export interface EventDelivery {
  /** The delivery id (`X-GitHub-Delivery`), or the workflow run's id in Action mode. */
  id: string;
  /** The event name without the action: `pull_request`, `issue_comment`, … */
  name: string;
  payload: unknown;
}

export interface MapOptions {
  /**
   * Used when the payload carries no `installation` (a workflow's event file never does). Without
   * it such a payload is ignored, as an App delivery without an installation cannot be answered.
   */
  installationId?: number;
}

export interface Skip {
  level: 'debug' | 'info' | 'warn';
  reason: string;
}

export interface MappedEvent {
  jobs: Job[];
  /** Why nothing (or not everything) was queued; null when the event produced its jobs. */
  skipped: Skip | null;
}

/** No job for this event, and why (logged at `level`). */
export const skip = (level: Skip['level'], reason: string): MappedEvent => ({ jobs: [], skipped: { level, reason } });
