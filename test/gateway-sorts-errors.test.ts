// Issue #12: every GitHub call is sorted by one request hook, so a 5xx on the reads that used to
// bypass callGitHub (the commenter's permission, the repository's persona folder) is retried like
// any other call instead of failing the job as "unexpected".
import { describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { ProbotOctokit } from 'probot';
import { decodeLedger } from '../src/ledger/ledger-codec.js';
import { ExternalServiceError } from '../src/errors/errors.js';
import { createActionOctokit } from '../src/action/create-action-octokit.js';
import { createOctokitGateway } from '../src/gateway/create-octokit-gateway.js';
import type { Octokit } from '../src/github/types.js';
import { VALID_PLAN } from './fixtures/bad-inputs/corpus.js';
import { createHardenedHarness } from './fixtures/bad-inputs/harness.js';
import { type Harness, replyInThread } from './helpers/app-harness.js';
import { FakeGitHub } from './helpers/fake-github.js';
import { createTestProbot } from './helpers/github-mock.js';

const HEAD = 'c'.repeat(40);
const PATH = 'docs/rfcs/valid.md';
const FOLDER_PERSONA = [
  '---',
  'id: team-reviewer',
  'name: Team reviewer',
  'focus: Things that matter to this team.',
  'engage:',
  '  always: true',
  '---',
  'You review plans for this team and say what is missing, with the line it concerns.',
  '',
].join('\n');

function planPr(config: string): FakeGitHub {
  const github = new FakeGitHub();
  github.config = config;
  github.push(HEAD, { [PATH]: VALID_PLAN });
  return github;
}

describe('a GitHub 5xx on a read that used to bypass the error sorting', () => {
  it('on the persona folder listing is retried, and the review is posted once', async () => {
    // Arrange
    const github = planPr('reviewers:\n  enable: [database-architect]\n  folder: team/reviewers\n');
    github.contents.set('HEAD:team/reviewers/team-reviewer.md', FOLDER_PERSONA);
    github.faults.push({ match: /^GET .*\/contents\/team%2Freviewers(\?|$)/, status: 502, times: 1 });
    const h = await createHardenedHarness({ github });

    // Act
    await h.opened();
    h.dispose();

    // Assert
    expect(github.faults.map((f) => f.times)).toEqual([0]);
    expect(h.attempts).toEqual([
      { kind: 'review', attempt: 1 },
      { kind: 'review', attempt: 2 },
    ]);
    expect(github.reviews).toHaveLength(1);
  });

  it("on the commenter's permission is retried, and the accepted risk is recorded", async () => {
    // Arrange: a writer (not the author) accepts a finding while the permission read answers 502 once.
    const github = planPr('reviewers:\n  enable: [database-architect]\n');
    github.permissions.set('bob', 'write');
    const h = await createHardenedHarness({ github });
    await h.opened();
    const root = github.reviewComments.find((c) => c.in_reply_to_id === undefined)!;
    github.faults.push({ match: /^GET .*\/collaborators\/bob\/permission/, status: 502, times: 1 });

    // Act
    await replyInThread({ github, send: h.send } as unknown as Harness, root.id, 'bob', "won't fix: the table is tiny");
    h.dispose();

    // Assert
    expect(h.attempts.filter((a) => a.kind === 'reply').map((a) => a.attempt)).toEqual([1, 2]);
    const entry = decodeLedger(github.issueComments[0]!.body)!.entries.find((e) => e.threadCommentId === root.id)!;
    expect(entry.status).toBe('accepted-risk');
  });
});

describe('the gateway on a real client', () => {
  it('turns a 503 on the permission read into a retryable ExternalServiceError named after the step', async () => {
    // Arrange
    const github = new FakeGitHub();
    github.faults.push({ match: /^GET .*\/collaborators\/carol\/permission/, status: 503, times: 1 });
    const probot = await createTestProbot();
    const gateway = createOctokitGateway((await probot.auth(1)) as unknown as Octokit, { owner: github.owner, repo: github.repo, pullNumber: 7 });

    // Act
    const failure = await gateway.hasWriteAccess('carol').catch((error: unknown) => error);

    // Assert
    expect(failure).toBeInstanceOf(ExternalServiceError);
    expect([(failure as ExternalServiceError).retryable, (failure as ExternalServiceError).status, (failure as Error).message.split(':')[0]]).toEqual([
      true,
      503,
      "reading the commenter's permission failed (HTTP 503)",
    ]);
  });

  it('answers false, not an error, for someone GitHub does not know', async () => {
    // Arrange
    const github = new FakeGitHub();
    github.faults.push({ match: /^GET .*\/collaborators\/nobody\/permission/, status: 404, times: 1 });
    const probot = await createTestProbot();
    const gateway = createOctokitGateway((await probot.auth(1)) as unknown as Octokit, { owner: github.owner, repo: github.repo, pullNumber: 7 });

    // Act
    const writer = await gateway.hasWriteAccess('nobody');

    // Assert
    expect(writer).toBe(false);
  });
});

describe("the Action's client", () => {
  it('sorts a 5xx on any call the way the app does, so the retry policy sees a retryable error', async () => {
    // Arrange
    const github = new FakeGitHub();
    github.faults.push({ match: /^GET .*\/pulls\/7$/, status: 502, times: 1 });
    // Octokit's own retry plugin would answer the 502 with a second request; the sorting is what is under test.
    const Octokit = ProbotOctokit.defaults({ retry: { enabled: false } }) as typeof ProbotOctokit;
    const octokit = createActionOctokit('ghs_test', 'https://api.github.com', pino({ level: 'silent' }), { Octokit });

    // Act
    const failure = await octokit.rest.pulls.get({ owner: github.owner, repo: github.repo, pull_number: 7 }).catch((error: unknown) => error);

    // Assert
    expect(failure).toBeInstanceOf(ExternalServiceError);
    expect([(failure as ExternalServiceError).retryable, (failure as ExternalServiceError).status]).toEqual([true, 502]);
  });
});
