import { z } from 'zod';
import { callGitHub } from '../github/call-github.js';
import type { Octokit } from '../github/types.js';
import type { Job } from '../queue/schema.js';
import type { MappedEvent } from '../events/mapped-event.js';

const WorkflowRunEventSchema = z.object({
  action: z.string(),
  repository: z.object({ name: z.string(), owner: z.object({ login: z.string() }) }),
  workflow_run: z.object({
    event: z.string(),
    conclusion: z.string().nullable().optional(),
    head_sha: z.string(),
    head_branch: z.string().nullable().optional(),
    head_repository: z
      .object({ owner: z.object({ login: z.string() }) })
      .nullable()
      .optional(),
    pull_requests: z.array(z.object({ number: z.number().int().positive() })).default([]),
  }),
});

/**
 * The fork-safe pattern: a `pull_request` workflow with no secrets finishes, and a `workflow_run`
 * workflow on the default branch (write token, secrets) reviews the pull request it ran for. GitHub
 * leaves `workflow_run.pull_requests` empty when the head is in a fork, so the pull request is then
 * found by its head branch and commit.
 */
export async function jobsForWorkflowRun(octokit: Octokit, id: string, payload: unknown, installationId: number): Promise<MappedEvent> {
  const parsed = WorkflowRunEventSchema.safeParse(payload);
  if (!parsed.success) return { jobs: [], skipped: { level: 'warn', reason: 'ignored: workflow_run payload lacks the fields a review needs' } };
  const { repository, workflow_run: run, action } = parsed.data;
  if (action !== 'completed') return { jobs: [], skipped: { level: 'info', reason: `ignored: workflow_run.${action}` } };
  if (run.event !== 'pull_request' && run.event !== 'pull_request_target') {
    return { jobs: [], skipped: { level: 'info', reason: `ignored: the triggering workflow ran for ${run.event}, not a pull request` } };
  }
  const owner = repository.owner.login;
  const repo = repository.name;
  let numbers = run.pull_requests.map((p) => p.number);
  if (numbers.length === 0 && run.head_branch && run.head_repository) {
    const head = `${run.head_repository.owner.login}:${run.head_branch}`;
    const { data } = await callGitHub('finding the pull request of the workflow run', () =>
      octokit.rest.pulls.list({ owner, repo, state: 'open', head, per_page: 10 }),
    );
    numbers = data.filter((pr) => pr.head.sha === run.head_sha).map((pr) => pr.number);
  }
  if (numbers.length === 0) return { jobs: [], skipped: { level: 'info', reason: `ignored: no open pull request has head ${run.head_sha.slice(0, 7)}` } };
  const jobs: Job[] = numbers.map((n) => ({
    kind: 'review',
    deliveryId: `${id}:${n}`,
    installationId,
    owner,
    repo,
    pullNumber: n,
    headSha: run.head_sha,
    trigger: 'synchronize',
    force: false,
    requestedBy: null,
  }));
  return { jobs, skipped: null };
}
