// Issue #13, case 4: a write GitHub completed but answered with a 5xx (or never answered) is not
// resent blindly by Octokit's retry plugin; the app looks for it by its marker first.
import { describe, expect, it } from '@jest/globals';
import { createHarness, stubEngine } from './helpers/app-harness.js';
import { FakeGitHub } from './helpers/fake-github.js';
import { RetryingProbotOctokit } from './helpers/github-mock.js';

const HEAD = 'c'.repeat(40);
const PATH = 'docs/rfcs/plan.md';
type Fault = FakeGitHub['faults'][number];

async function reviewWith(fault: Fault): Promise<FakeGitHub> {
  const github = new FakeGitHub();
  github.push(HEAD, { [PATH]: '# Plan\n\nTODO: rollout\n' });
  github.faults.push(fault);
  const h = await createHarness({
    github,
    Octokit: RetryingProbotOctokit,
    createEngines: async () => [stubEngine([{ quote: 'TODO', concern: 'todo', severity: 'important', title: 'A TODO is left' }])],
  });
  await h.opened();
  return github;
}

describe('writes GitHub made but did not confirm, with Octokit retries on', () => {
  it('posts one review when GitHub creates it and answers 502', async () => {
    // Arrange + Act
    const github = await reviewWith({ match: /^POST .*\/pulls\/7\/reviews$/, status: 502, times: 1, after: true });

    // Assert
    expect(github.reviews).toHaveLength(1);
    expect(github.count('POST', /\/pulls\/7\/reviews$/)).toBe(1);
    expect(github.checkRuns.at(-1)?.status).toBe('completed');
  });

  it('posts one sticky summary when GitHub creates it and the connection resets', async () => {
    // Arrange + Act
    const github = await reviewWith({ match: /^POST .*\/issues\/7\/comments$/, status: 0, times: 1, error: 'ECONNRESET', after: true });

    // Assert
    expect(github.issueComments.filter((c) => c.user.type === 'Bot')).toHaveLength(1);
    expect(github.count('POST', /\/issues\/7\/comments$/)).toBe(1);
  });

  it('creates one check run when GitHub creates it and answers 503', async () => {
    // Arrange + Act
    const github = await reviewWith({ match: /^POST .*\/check-runs$/, status: 503, times: 1, after: true });

    // Assert: one run for the head, completed (the review went on with the run it found).
    expect(github.checkRuns.filter((c) => c.head_sha === HEAD).map((c) => c.status)).toEqual(['completed']);
  });

  it('still retries a write GitHub refused before doing anything (a 502 with nothing created)', async () => {
    // Arrange + Act: the lookup finds nothing, so the job is retried by the queue and posts once.
    const github = await reviewWith({ match: /^POST .*\/pulls\/7\/reviews$/, status: 502, times: 1 });

    // Assert
    expect(github.reviews).toHaveLength(1);
  });
});
