import { generateKeyPairSync } from 'node:crypto';
import { Probot, ProbotOctokit } from 'probot';
import { z } from 'zod';
import { type FakeGitHubServer, startFakeGitHubServer } from '../bench/fake-github-server.js';
import { createApp } from '../src/app/create-app.js';
import { InputError } from '../src/errors/errors.js';
import { formatZodIssues } from '../src/errors/format-zod-issues.js';
import type { JobQueue } from '../src/queue/schema.js';

/** The parts of a payload the fake GitHub is built from; the rest is passed to the app untouched. */
const PayloadSchema = z.looseObject({
  repository: z.looseObject({ name: z.string().min(1), owner: z.looseObject({ login: z.string().min(1) }) }),
  pull_request: z
    .looseObject({ number: z.number().int().positive(), head: z.looseObject({ sha: z.string().min(7) }), base: z.looseObject({ sha: z.string().min(7) }) })
    .optional(),
  installation: z.looseObject({ id: z.number().int() }).optional(),
});

export interface ReplayOptions {
  event: string;
  payload: unknown;
  /** Repository path → text: the plan documents the pull request changes. */
  documents: Record<string, string>;
  /** Optional `.github/rfc-panel.yml` text on the fake default branch. */
  config?: string;
  env?: NodeJS.ProcessEnv;
  logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug';
}

export interface ReplayResult {
  /** What the app would have written to GitHub, as printable text. */
  report: string;
  github: FakeGitHubServer;
}

/**
 * Run the app's webhook handlers on one payload against a loopback fake GitHub (bench/), with a key
 * made up on the spot: nothing leaves the machine and no credentials are needed. Waits for the
 * queued jobs, then reports the check runs, reviews (with inline comments) and comments the app
 * wrote. `probot receive` cannot do this: it needs a real app's credentials and calls api.github.com.
 */
export async function replayWebhook(options: ReplayOptions): Promise<ReplayResult> {
  const parsed = PayloadSchema.safeParse(options.payload);
  if (!parsed.success) throw new InputError(`the payload lacks what a replay needs: ${formatZodIssues(parsed.error).join('; ')}`);
  const payload = parsed.data;
  const files = { ...options.documents, ...(options.config ? { '.github/rfc-panel.yml': options.config } : {}) };
  const github = await startFakeGitHubServer({
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    files,
    ...(payload.pull_request ? { headSha: payload.pull_request.head.sha, baseSha: payload.pull_request.base.sha } : {}),
  });
  // Deliveries from an installed app always name the installation; saved examples often do not.
  const delivered = { ...(options.payload as object), installation: payload.installation ?? { id: 1 } };
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const probot = new Probot({
    appId: 4242,
    privateKey,
    baseUrl: github.restUrl,
    // One pass, no waiting: the fake answers at once and every failure should show, not be retried.
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
    logLevel: (options.logLevel ?? 'warn') as 'warn',
  });
  let queue: JobQueue | undefined;
  const env = { ...(options.env ?? process.env) };
  // The fake is not the GitHub the environment may name; the replay never writes anywhere else.
  delete env.GHE_HOST;
  delete env.REDIS_URL;
  await probot.load(createApp({ env, onQueue: (q) => (queue = q) }));
  try {
    await probot.receive({ id: `replay-${Date.now()}`, name: options.event as 'pull_request', payload: delivered as never });
    await queue?.drain();
  } finally {
    await queue?.close();
  }
  return { report: describeWrites(github), github };
}

function describeWrites(github: FakeGitHubServer): string {
  const out: string[] = [];
  const writes = github.requests.filter((r) => r.method !== 'GET');
  out.push(`${github.requests.length} request(s) to the fake GitHub, ${writes.length} write(s).`);
  for (const run of github.checkRuns) {
    const output = run.output as { title?: string; summary?: string } | null;
    out.push(
      '',
      `CHECK RUN ${run.name} on ${run.head_sha.slice(0, 7)}: ${run.status}${run.conclusion ? ` / ${run.conclusion}` : ''}`,
      `  ${output?.title ?? '(no title)'}`,
    );
  }
  for (const [pull, state] of github.state) {
    for (const review of state.reviews) {
      const comments = state.reviewComments.filter((c) => c.pull_request_review_id === review.id);
      out.push('', `REVIEW on #${pull} (${review.state}, ${comments.length} inline comment(s))`, indent(review.body));
      for (const c of comments) out.push('', `  INLINE ${c.path}:${c.line}`, indent(c.body, '    '));
    }
    for (const reply of state.reviewComments.filter((c) => c.pull_request_review_id === null)) out.push('', `THREAD REPLY on #${pull}`, indent(reply.body));
    for (const c of state.issueComments)
      out.push('', `COMMENT on #${pull}`, indent(c.body.replace(/<!-- rfc-panel:ledger [\s\S]*?-->/, '<!-- rfc-panel:ledger … -->')));
  }
  if (writes.length === 0) out.push('', 'The app wrote nothing (see the log above for why: an ignored action, a bot author, a draft…).');
  return out.join('\n');
}

function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((l) => `${by}${l}`)
    .join('\n');
}
