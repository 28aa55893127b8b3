import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MetricEvent } from '../jobs/job-deps.js';
import { type AppMetrics, METRIC_NAMES, type MetricsOptions } from './app-metrics.js';

export function createMetrics(options: MetricsOptions = {}): AppMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const received = new Counter({
    name: METRIC_NAMES.webhooksReceived,
    help: 'Webhook deliveries received (signature verified), by event and action.',
    labelNames: ['event', 'action'],
    registers,
  });
  const acked = new Counter({
    name: METRIC_NAMES.webhooksAcked,
    help: 'Webhook deliveries acknowledged with a job: queued, coalesced into a waiting review, or dropped as a duplicate.',
    labelNames: ['event', 'outcome'],
    registers,
  });
  const jobs = new Counter({
    name: METRIC_NAMES.jobs,
    help: 'Jobs by kind and state: queued, coalesced, duplicate (at enqueue); started, completed, retried, failed (per attempt, on this replica).',
    labelNames: ['kind', 'state'],
    registers,
  });
  const duration = new Histogram({
    name: METRIC_NAMES.reviewDuration,
    help: 'Wall time of one review job, by outcome.',
    labelNames: ['outcome'],
    buckets: [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200],
    registers,
  });
  const tokens = new Counter({
    name: METRIC_NAMES.tokens,
    help: 'Model tokens by type: input, output, cache_write, cache_read.',
    labelNames: ['type'],
    registers,
  });
  const cost = new Counter({ name: METRIC_NAMES.cost, help: 'Estimated model cost in US dollars (from the configured price table).', registers });
  const github = new Counter({
    name: METRIC_NAMES.github,
    help: 'GitHub API requests made by jobs, by method and HTTP status ("error" when no response).',
    labelNames: ['method', 'status'],
    registers,
  });
  const errors = new Counter({
    name: METRIC_NAMES.errors,
    help: 'Errors by kind (the error class of a failed job; "webhook" for a delivery answered with an error).',
    labelNames: ['kind'],
    registers,
  });
  for (const type of ['input', 'output', 'cache_write', 'cache_read']) tokens.inc({ type }, 0);
  cost.inc(0);

  let counts: (() => Promise<Record<string, number>>) | null = null;
  const timeoutMs = options.countsTimeoutMs ?? 1000;
  new Gauge({
    name: METRIC_NAMES.jobsNow,
    help: 'Jobs by state now: queued, delayed (retry backoff, waiting for their PR, or for their announcement), active, completed and failed (kept ones; all replicas with Redis, this process otherwise).',
    labelNames: ['state'],
    registers,
    async collect() {
      if (!counts) return;
      let timer: NodeJS.Timeout | undefined;
      const c = await Promise.race([counts(), new Promise<null>((r) => (timer = setTimeout(() => r(null), timeoutMs)))])
        .catch(() => null)
        .finally(() => clearTimeout(timer));
      if (!c) return;
      const queued = (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.paused ?? 0) + (c['waiting-children'] ?? 0);
      this.set({ state: 'queued' }, queued);
      for (const state of ['delayed', 'active', 'completed', 'failed']) this.set({ state }, c[state] ?? 0);
    },
  });

  return {
    registry,
    record(event: MetricEvent) {
      switch (event.type) {
        case 'review':
          duration.observe({ outcome: event.outcome }, event.seconds);
          break;
        case 'usage':
          tokens.inc({ type: 'input' }, event.usage.inputTokens);
          tokens.inc({ type: 'output' }, event.usage.outputTokens);
          tokens.inc({ type: 'cache_write' }, event.usage.cacheCreationInputTokens);
          tokens.inc({ type: 'cache_read' }, event.usage.cacheReadInputTokens);
          cost.inc(event.usage.costUsd);
          break;
        case 'error':
          errors.inc({ kind: event.kind });
          break;
      }
    },
    webhookReceived: (event, action) => received.inc({ event, action: action ?? '' }),
    webhookAcked: (event, outcome) => acked.inc({ event, outcome }),
    job: (kind, state) => jobs.inc({ kind, state }),
    githubRequest: (method, status) => github.inc({ method: method.toUpperCase(), status: String(status) }),
    error: (kind) => errors.inc({ kind }),
    queueCounts(source) {
      counts = source;
    },
  };
}
