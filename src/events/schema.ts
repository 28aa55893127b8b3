import { z } from 'zod';

/** The parts of webhook payloads the app relies on; anything else in them is ignored. */
const Repository = z.object({ name: z.string(), owner: z.object({ login: z.string() }), html_url: z.string().optional() });
const Installation = z.object({ id: z.number().int().positive() });
const User = z.object({ login: z.string(), type: z.string().optional() });

export const PullRequestEventSchema = z.object({
  action: z.string(),
  installation: Installation,
  repository: Repository,
  pull_request: z.object({
    number: z.number().int().positive(),
    state: z.string(),
    draft: z.boolean().optional().default(false),
    user: User,
    head: z.object({ sha: z.string() }),
  }),
});

export const CheckRunEventSchema = z.object({
  action: z.string(),
  installation: Installation,
  repository: Repository,
  sender: User,
  check_run: z.object({
    name: z.string(),
    head_sha: z.string(),
    app: z.object({ id: z.number() }).nullable().optional(),
    pull_requests: z.array(z.object({ number: z.number().int().positive() })),
  }),
  requested_action: z.object({ identifier: z.string() }).nullable().optional(),
});

export const IssueCommentEventSchema = z.object({
  action: z.string(),
  installation: Installation,
  repository: Repository,
  issue: z.object({ number: z.number().int().positive(), pull_request: z.object({}).passthrough().optional(), state: z.string(), user: User.optional() }),
  comment: z.object({ id: z.number().int().positive(), body: z.string(), user: User }),
});

export const ReviewCommentEventSchema = z.object({
  action: z.string(),
  installation: Installation,
  repository: Repository,
  pull_request: z.object({ number: z.number().int().positive(), state: z.string() }),
  comment: z.object({ id: z.number().int().positive(), body: z.string(), user: User, in_reply_to_id: z.number().int().positive().optional() }),
});
