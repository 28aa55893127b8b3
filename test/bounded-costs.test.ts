// Issue #13, case 8: answers stay under GitHub's limits, repository personas are read once per
// content, and config globs cannot make matching one file name take seconds.
import { describe, expect, it } from '@jest/globals';
import { ConfigSchema } from '../src/config/schema.js';
import { fetchPullDocuments } from '../src/documents/fetch-pull-documents.js';
import { loadRepoPersonas } from '../src/personas/load-repo-personas.js';
import { createOctokitGateway } from '../src/gateway/create-octokit-gateway.js';
import type { Octokit } from '../src/github/types.js';
import { createHarness, stubEngine } from './helpers/app-harness.js';
import { FakeGitHub, MAX_BODY_CHARS } from './helpers/fake-github.js';
import { createTestProbot } from './helpers/github-mock.js';
import { webhookExample, withOverrides } from './helpers/webhook-examples.js';

const PATH = 'docs/rfcs/plan.md';

async function installationOctokit(): Promise<Octokit> {
  const probot = await createTestProbot();
  return (await probot.auth(1)) as unknown as Octokit;
}

function persona(id: string): string {
  return [
    '---',
    `id: ${id}`,
    `name: Reviewer ${id}`,
    'focus: Things that matter to this team.',
    'engage:',
    '  always: true',
    '---',
    'You review plans for this team and say what is missing, with the line it concerns.',
    '',
  ].join('\n');
}

describe('config glob patterns', () => {
  it('refuses a pattern with too many wildcards in one segment, naming the key', () => {
    // Arrange
    const config = { paths: ['**/*a*a*a*a*a*a*a*a*.md'] };

    // Act
    const parsed = ConfigSchema.safeParse(config);

    // Assert
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['paths.0', 'at most 3 * wildcards in one path segment (matching more costs seconds per file name)'],
    ]);
  });

  it('accepts every default pattern', () => {
    // Act
    const parsed = ConfigSchema.safeParse({});

    // Assert
    expect(parsed.success).toBe(true);
  });

  it('matches a PR of long file names against the most wildcards allowed in well under a second', async () => {
    // Arrange: 300 files whose names backtrack badly (long runs of the pattern's letter).
    const github = new FakeGitHub();
    github.files = Array.from({ length: 300 }, (_, i) => ({ filename: `docs/${'a'.repeat(250)}${i}.txt`, status: 'added' as const, patch: '' }));
    const octokit = await installationOctokit();
    const config = ConfigSchema.parse({ paths: ['**/*a*a*a.md'] });

    // Act
    const started = Date.now();
    const fetched = await fetchPullDocuments(
      createOctokitGateway(octokit, { owner: github.owner, repo: github.repo, pullNumber: 7 }),
      { headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40) },
      config,
    );

    // Assert
    expect(fetched.documents).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('repository personas', () => {
  it('are fetched once per content: a second load costs only the folder listing', async () => {
    // Arrange
    const github = new FakeGitHub();
    for (let i = 0; i < 10; i++) github.contents.set(`HEAD:team/reviewers/team-r${i}.md`, persona(`team-r${i}`));
    const octokit = await installationOctokit();
    await loadRepoPersonas(octokit, github.owner, github.repo, 'team/reviewers');
    const before = github.requests.length;

    // Act
    const again = await loadRepoPersonas(octokit, github.owner, github.repo, 'team/reviewers');

    // Assert
    expect(again.map((p) => p.id)).toHaveLength(10);
    expect(github.requests.length - before).toBe(1);
  });

  it('refuses a folder of 400 persona files instead of making 400 calls per job', async () => {
    // Arrange
    const github = new FakeGitHub();
    for (let i = 0; i < 400; i++) github.contents.set(`HEAD:many/r${i}.md`, persona(`many-r${i}`));
    const octokit = await installationOctokit();

    // Act
    const load = loadRepoPersonas(octokit, github.owner, github.repo, 'many');

    // Assert
    await expect(load).rejects.toThrow('reviewers.folder: "many" holds 400 persona files; at most 50 are read (each costs a GitHub call)');
    expect(github.requests.filter((r) => r.path.includes('/contents/many'))).toHaveLength(1);
  });
});

describe('an answer to a 250-item response from an outsider', () => {
  it("stays under GitHub's comment limit and is posted", async () => {
    // Arrange: one finding, then mallory posts 250 long items.
    const github = new FakeGitHub();
    const h = await createHarness({
      github,
      createEngines: async () => [stubEngine([{ quote: 'TODO', concern: 'todo', severity: 'important', title: 'A TODO is left' }])],
    });
    github.push('1'.repeat(40), { [PATH]: '# Plan\n\nTODO: rollout\n' });
    await h.opened();
    const items = Array.from(
      { length: 250 },
      (_, i) => `### ✅ Item ${i} ${'with a long heading '.repeat(10)}\n**Your finding:** "${'A TODO is left '.repeat(20)}"\n**Location:** Lines 3-3`,
    );
    const body = ['## Response', '', ...items].join('\n');
    const comment = github.humanIssueComment('mallory', body);
    const payload = withOverrides(webhookExample('issue_comment', 'created'), {
      installation: { id: 1 },
      repository: { name: github.repo, full_name: `${github.owner}/${github.repo}`, owner: { login: github.owner } },
      issue: { number: github.pull.number, state: 'open', pull_request: { url: 'https://api.github.com/x' } },
      comment: { id: comment.id, body, user: { login: 'mallory', type: 'User' } },
    });

    // Act
    await h.send('issue_comment', payload);

    // Assert
    const answer = github.issueComments.filter((c) => c.user.type === 'Bot' && c.body.includes('rfc-panel:response'));
    expect(answer).toHaveLength(1);
    expect(answer[0]!.body.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    expect(answer[0]!.body).toContain('Only the first 100 of 250 items were checked');
  });
});
