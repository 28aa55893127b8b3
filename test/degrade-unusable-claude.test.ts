// When Claude answers but nothing it says can be used, the pull request is still reviewed (by the
// offline checklist) and the check run says why; over-long fields are clipped, not fatal.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { packageRoot } from '../src/package-root.js';
import { createHardenedHarness } from './fixtures/bad-inputs/harness.js';
import { API_KEY, HEAD } from './fixtures/injection/cases.js';
import { fakeClaude } from './fixtures/injection/fake-claude.js';
import { FakeGitHub } from './helpers/fake-github.js';
import { decodeLedger } from '../src/ledger/ledger-codec.js';

const CONFIG = 'reviewers:\n  enable: [database-architect]\n';
/** A plan whose SQL the offline checklist has findings on. */
const PLAN = readFileSync(join(packageRoot(), 'test', 'fixtures', 'plans', 'user-preferences.md'), 'utf8');

function finding(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Preferences are lost with their user',
    severity: 'critical',
    body: 'Deleting a user orphans the rows.',
    recommendation: 'required',
    quote: null,
    section: null,
    concern: 'orphaned-preferences',
    ...overrides,
  };
}

async function reviewWith(reply: () => unknown[]): Promise<{ github: FakeGitHub; calls: number }> {
  const github = new FakeGitHub();
  github.config = CONFIG;
  github.push(HEAD, { 'docs/rfcs/user-preferences.md': PLAN });
  const claude = fakeClaude({ review: reply });
  const h = await createHardenedHarness({ github, env: { ANTHROPIC_API_KEY: API_KEY } });
  await h.opened('opened', HEAD);
  h.dispose();
  return { github, calls: claude.calls.review };
}

describe('a model whose every reply is unusable', () => {
  it('still gets the pull request one review, from the offline checklist, and the check run says why', async () => {
    // Arrange: every reply (and its repair) breaks the schema beyond clipping: no severity, no quote.
    const broken = () => [{ title: 'x', body: 'y' }];

    // Act
    const { github, calls } = await reviewWith(broken);

    // Assert
    expect(calls).toBe(2);
    expect(github.reviews).toHaveLength(1);
    expect(github.reviews[0]!.body).toMatch(
      /^> ⚠️ Claude's replies could not be used \(database-architect: the reply failed validation after one repair attempt: .*\); the offline checklist panel reviewed this revision instead\./,
    );
    const ledger = decodeLedger(github.issueComments[0]!.body)!;
    expect(ledger.entries.length).toBeGreaterThan(0);
    expect(new Set(ledger.entries.flatMap((e) => e.finding.engines))).toEqual(new Set(['checklist']));
    const last = github.checkRuns.at(-1)!;
    expect(last.status).toBe('completed');
    expect(last.output?.title).toMatch(/^Claude's replies could not be used — offline checklist review · /);
    expect(last.output?.title).not.toContain('not answering');
  }, 30_000);
});

describe('over-long fields from a model', () => {
  it('are clipped to the limits and the finding is kept', async () => {
    // Arrange: a title of 500 characters, a body of 9,000 and a 90-character concern.
    const long = () => [finding({ title: `Preferences ${'very '.repeat(100)}lost`, body: 'b'.repeat(9000), concern: `orphaned-${'x'.repeat(84)}` })];

    // Act
    const { github, calls } = await reviewWith(long);

    // Assert: one call (no repair needed), one Claude finding, its text clipped.
    expect(calls).toBe(1);
    const ledger = decodeLedger(github.issueComments[0]!.body)!;
    const claudeFindings = ledger.entries.filter((e) => e.finding.engines.includes('claude')).map((e) => e.finding);
    expect(claudeFindings.map((f) => [f.title.length, f.title.endsWith('…'), f.body.startsWith('bbbb'), f.concern.length])).toEqual([[200, true, true, 60]]);
    expect(github.checkRuns.at(-1)!.output?.title).not.toMatch(/could not be used|not answering/);
  }, 30_000);
});
