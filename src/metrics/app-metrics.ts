import type { Registry } from 'prom-client';
import type { MetricsSink } from '../jobs/job-deps.js';
import type { EnqueueOutcome } from '../queue/schema.js';

/** Job states counted by `rfc_panel_jobs_total`. */
export type JobState = EnqueueOutcome | 'started' | 'completed' | 'retried' | 'failed';

/** The app's Prometheus metrics (one registry per app instance, so tests can build several). */
export interface AppMetrics extends MetricsSink {
  readonly registry: Registry;
  webhookReceived(event: string, action: string | undefined): void;
  webhookAcked(event: string, outcome: EnqueueOutcome): void;
  job(kind: string, state: JobState): void;
  githubRequest(method: string, status: number | string): void;
  error(kind: string): void;
  /** Where `rfc_panel_jobs{state}` reads queue sizes from (BullMQ's counts, or the in-process queue's). */
  queueCounts(source: () => Promise<Record<string, number>>): void;
}

export const METRIC_NAMES = {
  webhooksReceived: 'rfc_panel_webhooks_received_total',
  webhooksAcked: 'rfc_panel_webhooks_acked_total',
  jobs: 'rfc_panel_jobs_total',
  jobsNow: 'rfc_panel_jobs',
  reviewDuration: 'rfc_panel_review_duration_seconds',
  tokens: 'rfc_panel_llm_tokens_total',
  cost: 'rfc_panel_llm_cost_usd_total',
  github: 'rfc_panel_github_requests_total',
  errors: 'rfc_panel_errors_total',
} as const;

export interface MetricsOptions {
  /** Node's process metrics (CPU, memory, event loop lag, GC) beside the app's. */
  defaultMetrics?: boolean;
  /** Longest `/metrics` waits for the queue counts (a Redis outage must not hang the scrape). */
  countsTimeoutMs?: number;
}
