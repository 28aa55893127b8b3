import type { Probot } from 'probot';
import { createApp } from '../../src/app/create-app.js';
import type { AppOptions } from '../../src/app/app-options.js';
import { lineAnchor, sectionAnchor } from '../../src/findings/make-anchor.js';
import type { DraftFinding, Severity } from '../../src/findings/schema.js';
import type { Engine } from '../../src/engines/types.js';
import { ZERO_USAGE } from '../../src/engines/types.js';
import type { JobQueue } from '../../src/queue/schema.js';
import { FakeGitHub } from './fake-github.js';
import { sqlOnlyEngines } from './sql-only-engines.js';
import { createTestProbot, type TestProbotOptions } from './github-mock.js';
import { pullRequestPayload, webhookExample, withOverrides } from './webhook-examples.js';

export interface StubRule {
  /** A finding fires on the first line containing this text… */
  quote?: string;
  /** …or on the section with this heading when the text is absent. */
  missingFromSection?: { text: string; heading: string };
  concern: string;
  severity: Severity;
  title: string;
}

/**
 * A deterministic engine for app tests: each rule fires while its text is present (or absent),
 * so a test controls findings by editing the document, as an author would.
 */
export function stubEngine(rules: StubRule[], onReview?: () => void): Engine {
  return {
    name: 'checklist',
    async review({ document, personas }) {
      onReview?.();
      const findings: DraftFinding[] = [];
      for (const rule of rules) {
        const base = {
          engine: 'checklist' as const,
          concern: rule.concern,
          ruleId: null,
          personas: [personas[0]?.id ?? 'staff-engineer'],
          severity: rule.severity,
          title: rule.title,
          body: `${rule.title}: details.`,
          recommendation: 'required' as const,
          suggestion: null,
        };
        if (rule.quote) {
          const index = document.lines.findIndex((l) => l.includes(rule.quote!));
          if (index >= 0) findings.push({ ...base, anchor: lineAnchor(document, index + 1) });
        }
        if (rule.missingFromSection && !document.text.includes(rule.missingFromSection.text)) {
          const section = document.sections.find((s) => s.title === rule.missingFromSection!.heading) ?? null;
          findings.push({ ...base, anchor: sectionAnchor(document, section) });
        }
      }
      return {
        findings,
        runs: personas.map((p) => ({ persona: p.id, engine: 'checklist' as const, status: 'ok' as const, reason: null, findings: 0, usage: ZERO_USAGE })),
        notes: [],
        unanchored: 0,
      };
    },
  };
}

export interface Harness {
  github: FakeGitHub;
  probot: Probot;
  queue: () => JobQueue;
  send: (name: string, payload: unknown, id?: string) => Promise<void>;
  opened: (action?: string, overrides?: { id?: string; draft?: boolean; userType?: string }) => Promise<void>;
  /** The author pushes a revision: the files change on the fake GitHub at `sha`, then `synchronize` is delivered. */
  pushed: (sha: string, files: Record<string, string>) => Promise<void>;
}

let delivery = 0;

export async function createHarness(
  options: AppOptions & { github?: FakeGitHub; baseUrl?: string; Octokit?: TestProbotOptions['Octokit'] } = {},
): Promise<Harness> {
  const github = options.github ?? new FakeGitHub();
  let queue: JobQueue | null = null;
  const probot = await createTestProbot(
    // The start-up scan is off unless a test asks for it: it would add calls to every test's GitHub.
    createApp({
      now: () => new Date('2026-11-22T10:00:00Z'),
      env: {},
      recoverOnStart: false,
      ...options,
      createEngines: options.createEngines ?? (options.env?.ANTHROPIC_API_KEY ? undefined : sqlOnlyEngines(options.env ?? {})),
      onQueue: (q) => (queue = q),
    }),
    { ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), ...(options.Octokit ? { Octokit: options.Octokit } : {}) },
  );
  const send = async (name: string, payload: unknown, id = `delivery-${++delivery}`): Promise<void> => {
    await probot.receive({ id, name, payload } as Parameters<Probot['receive']>[0]);
    await queue!.drain();
  };
  return {
    github,
    probot,
    queue: () => queue!,
    send,
    opened: (action = 'opened', overrides = {}) =>
      send(
        'pull_request',
        pullRequestPayload(action, {
          owner: github.owner,
          repo: github.repo,
          number: github.pull.number,
          headSha: github.pull.head.sha,
          installationId: 1,
          draft: overrides.draft ?? false,
          userType: overrides.userType ?? 'User',
          userLogin: 'alice',
        }),
        overrides.id,
      ),
    pushed: async (sha, files) => {
      github.push(sha, files);
      await send(
        'pull_request',
        pullRequestPayload('synchronize', {
          owner: github.owner,
          repo: github.repo,
          number: github.pull.number,
          headSha: sha,
          installationId: 1,
          userLogin: 'alice',
          userType: 'User',
        }),
      );
    },
  };
}

/** A human answers in a finding's thread: the comment appears on the fake GitHub and its webhook is delivered. */
export async function replyInThread(h: Harness, rootId: number, login: string, body: string): Promise<number> {
  const comment = h.github.humanReply(rootId, login, body);
  const payload = withOverrides(webhookExample('pull_request_review_comment', 'created'), {
    installation: { id: 1 },
    repository: { name: h.github.repo, full_name: `${h.github.owner}/${h.github.repo}`, owner: { login: h.github.owner } },
    pull_request: { number: h.github.pull.number, state: 'open' },
    comment: { id: comment.id, body, in_reply_to_id: rootId, user: { login, type: 'User' } },
  });
  await h.send('pull_request_review_comment', payload);
  return comment.id;
}
