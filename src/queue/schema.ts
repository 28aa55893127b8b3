import { z } from 'zod';

const base = {
  deliveryId: z.string().min(1),
  installationId: z.number().int().positive(),
  owner: z.string().min(1),
  repo: z.string().min(1),
  pullNumber: z.number().int().positive(),
};

/** Jobs are plain data so the Redis queue can persist them; workers authenticate from installationId. */
export const ReviewJobSchema = z.object({
  ...base,
  kind: z.literal('review'),
  /** Null for a comment command: the job reviews whatever the head is when it runs. */
  headSha: z
    .string()
    .regex(/^[0-9a-f]{7,64}$/)
    .nullable(),
  trigger: z.enum(['opened', 'reopened', 'ready_for_review', 'synchronize', 'rerequested', 'requested_action', 'command', 'recovered']),
  /** Re-review even if this head was already reviewed (the button, the command). */
  force: z.boolean().default(false),
  /** Review every document whole, bypassing the section cache (`/rfc-panel review --full`, the Full re-review button). */
  full: z.boolean().optional(),
  /** Who asked, for commands and buttons. */
  requestedBy: z.string().nullable().default(null),
});
export type ReviewJob = z.infer<typeof ReviewJobSchema>;

export const ReplyJobSchema = z.object({
  ...base,
  kind: z.literal('reply'),
  commentId: z.number().int().positive(),
  inReplyTo: z.number().int().positive(),
  author: z.string().min(1),
  body: z.string(),
});
export type ReplyJob = z.infer<typeof ReplyJobSchema>;

export const ResponseJobSchema = z.object({
  ...base,
  kind: z.literal('response'),
  commentId: z.number().int().positive(),
  author: z.string().min(1),
  body: z.string(),
});
export type ResponseJob = z.infer<typeof ResponseJobSchema>;

export const JobSchema = z.discriminatedUnion('kind', [ReviewJobSchema, ReplyJobSchema, ResponseJobSchema]);
export type Job = z.infer<typeof JobSchema>;
export type JobInput = z.input<typeof JobSchema>;

export function pullKey(job: Pick<Job, 'owner' | 'repo' | 'pullNumber'>): string {
  return `${job.owner}/${job.repo}#${job.pullNumber}`.toLowerCase();
}

/** Runs one job; `final` says whether a retryable failure will be tried again. */
export type JobProcessor = (job: Job, attempt: { number: number; final: boolean }) => Promise<void>;

export type EnqueueOutcome = 'queued' | 'coalesced' | 'duplicate';

export interface JobQueue {
  /** Returns at once: the webhook is acknowledged while the work waits its turn. */
  enqueue(job: Job): Promise<EnqueueOutcome>;
  /** Resolves when nothing is queued or running (tests, graceful shutdown). */
  drain(): Promise<void>;
  close(): Promise<void>;
}
