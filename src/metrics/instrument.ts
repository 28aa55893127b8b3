import { ExternalServiceError } from '../errors/errors.js';
import type { Octokit } from '../github/types.js';
import { type Job, type JobProcessor, type JobQueue, pullKey } from '../queue/schema.js';
import type { AppMetrics } from './app-metrics.js';

/** Counts every request an installation client makes, by method and status. */
export function instrumentOctokit<T extends Octokit>(octokit: T, metrics: AppMetrics): T {
  octokit.hook.after('request', (response, options) => {
    metrics.githubRequest(String(options.method ?? 'GET'), response.status);
  });
  octokit.hook.error('request', (error, options) => {
    const status = (error as { status?: number }).status;
    metrics.githubRequest(String(options.method ?? 'GET'), typeof status === 'number' ? status : 'error');
    throw error;
  });
  return octokit;
}

/** The webhook a job came from (jobs are plain data; their kind and trigger say which event it was). */
export function eventOf(job: Job): string {
  if (job.kind === 'reply') return 'pull_request_review_comment';
  if (job.kind === 'response') return 'issue_comment';
  if (job.trigger === 'command') return 'issue_comment';
  if (job.trigger === 'rerequested' || job.trigger === 'requested_action') return 'check_run';
  return 'pull_request';
}

/**
 * Counts what happens to jobs on this replica, and keeps the in-process queue's sizes for
 * `rfc_panel_jobs` (`trackWaiting`; off with Redis, where jobs may start on another replica and
 * BullMQ's counts are used instead).
 */
export function createJobTracker(metrics: AppMetrics, limit = 10_000) {
  const state = { trackWaiting: true };
  const waiting = new Map<string, string>();
  const waitingReview = new Map<string, string>();
  let active = 0;
  let completed = 0;
  let failed = 0;

  const processor =
    (process: JobProcessor): JobProcessor =>
    async (job, attempt) => {
      metrics.job(job.kind, 'started');
      waiting.delete(job.deliveryId);
      if (waitingReview.get(pullKey(job)) === job.deliveryId) waitingReview.delete(pullKey(job));
      active++;
      try {
        await process(job, attempt);
        metrics.job(job.kind, 'completed');
        completed++;
      } catch (error) {
        const retry = error instanceof ExternalServiceError && error.retryable && !attempt.final;
        metrics.job(job.kind, retry ? 'retried' : 'failed');
        if (!retry) failed++;
        throw error;
      } finally {
        active--;
      }
    };

  const queue = (inner: JobQueue, onClose: () => Promise<void>): JobQueue => ({
    async enqueue(job) {
      const outcome = await inner.enqueue(job);
      metrics.job(job.kind, outcome);
      metrics.webhookAcked(eventOf(job), outcome);
      if (outcome !== 'duplicate' && state.trackWaiting) {
        const key = pullKey(job);
        if (job.kind === 'review') {
          // A coalesced review replaced the PR's waiting one, which will never start.
          const replaced = waitingReview.get(key);
          if (outcome === 'coalesced' && replaced) waiting.delete(replaced);
          waitingReview.set(key, job.deliveryId);
        }
        waiting.set(job.deliveryId, key);
        if (waiting.size > limit) waiting.delete(waiting.keys().next().value as string);
      }
      return outcome;
    },
    drain: () => inner.drain(),
    async close() {
      try {
        await inner.close();
      } finally {
        await onClose();
      }
    },
  });

  /** The in-process queue's sizes (this process only). */
  const localCounts = async (): Promise<Record<string, number>> => ({ waiting: waiting.size, active, completed, failed });

  return { processor, queue, localCounts, state };
}
