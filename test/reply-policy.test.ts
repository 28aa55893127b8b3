// Issue #12: the reply job's permission policy (decideReply) apart from its wording (renderReply).
import { describe, expect, it } from '@jest/globals';
import { decideReply, type ReplyFacts } from '../src/jobs/decide-reply.js';
import type { ReplyIntent } from '../src/ledger/classify-reply.js';
import { renderReply } from '../src/publish/render-reply.js';
import { entry, finding } from './helpers/ledger-entries.js';

const AT = '2026-11-29T10:00:00.000Z';

function facts(overrides: Partial<ReplyFacts> = {}): ReplyFacts {
  return {
    author: 'alice',
    isAuthor: true,
    isWriter: async () => false,
    inferred: false,
    at: AT,
    acceptCritical: 'writer',
    verify: async () => null,
    answer: async () => null,
    ...overrides,
  };
}

const critical = entry('1', 'open', { finding: finding('1', { severity: 'critical' }) });

describe('decideReply', () => {
  it('records an accepted risk from the author of an Important finding, resolving the thread', async () => {
    // Act
    const decision = await decideReply(entry('1'), { kind: 'wont-fix', reason: 'tiny table' }, facts());

    // Assert
    expect(decision).toEqual({
      kind: 'accepted',
      words: { say: 'accepted', reason: 'tiny table' },
      change: { status: 'accepted-risk', by: 'alice', note: 'tiny table', lines: null, resolve: true, claim: null },
    });
  });

  it('refuses the author accepting a Critical finding, and says a writer must', async () => {
    // Act
    const decision = await decideReply(critical, { kind: 'wont-fix', reason: 'later' }, facts());

    // Assert
    expect(decision).toEqual({ kind: 'refused', words: { say: 'refused-risk', criticalByAuthor: true } });
  });

  it('asks to confirm a risk the model read into a reply instead of recording it', async () => {
    // Act
    const decision = await decideReply(entry('1'), { kind: 'wont-fix', reason: 'later' }, facts({ inferred: true }));

    // Assert
    expect(decision?.change).toBeUndefined();
    expect(decision?.words).toEqual({ say: 'confirm-risk', reason: 'later' });
  });

  it('does not spend a verification on a bystander\'s "fixed"', async () => {
    // Arrange
    let verified = 0;

    // Act
    const decision = await decideReply(
      entry('1'),
      { kind: 'addressed' },
      facts({
        isAuthor: false,
        verify: async () => {
          verified++;
          return null;
        },
      }),
    );

    // Assert
    expect([decision?.words, verified]).toEqual([{ say: 'bystander-claim' }, 0]);
  });

  it('keeps a claim the text does not bear out yet, with the status unchanged', async () => {
    // Act
    const decision = await decideReply(
      entry('1'),
      { kind: 'addressed' },
      facts({ verify: async () => ({ verdict: 'not-addressed', evidence: null, missing: 'no ON DELETE' }) }),
    );

    // Assert
    expect(decision).toEqual({
      kind: 'not-yet',
      words: { say: 'not-yet', missing: 'no ON DELETE' },
      change: { status: 'open', by: 'alice', note: 'author says addressed; not yet in the text', lines: null, resolve: false, claim: { by: 'alice', at: AT } },
    });
  });

  it('lets only a writer withdraw', async () => {
    // Act
    const author = await decideReply(entry('1'), { kind: 'withdraw' }, facts());
    const writer = await decideReply(entry('1'), { kind: 'withdraw' }, facts({ isAuthor: false, isWriter: async () => true }));

    // Assert
    expect([author?.kind, writer?.kind, writer?.change?.status]).toEqual(['refused', 'withdrawn', 'withdrawn']);
  });

  it('keeps the finding open when the reviewer concedes to someone who may not settle it', async () => {
    // Act
    const decision = await decideReply(critical, { kind: 'disagreement' }, facts({ answer: async () => ({ text: 'Line 9 covers it.', withdraw: true }) }));

    // Assert
    expect(decision).toEqual({ kind: 'disagreement', words: { say: 'answer', text: 'Line 9 covers it.', outcome: 'stays-open' } });
  });

  it('ignores a reply that asks nothing', async () => {
    expect(await decideReply(entry('1'), { kind: 'other' } as ReplyIntent, facts())).toBeNull();
  });
});

describe('renderReply', () => {
  const voice = { who: 'alice', headSha: 'abcdef0'.padEnd(40, '0'), finding: finding('1'), persona: 'Database architect' };

  it('words a verified fix with its evidence lines and the short head', () => {
    expect(renderReply({ say: 'verified', note: 'ON DELETE CASCADE added', lines: [7, 8] }, voice)).toBe(
      '✅ Verified at `abcdef0`: ON DELETE CASCADE added (lines 7–8). Resolving this thread.',
    );
  });

  it("explains a disagreement in the persona's name, offering both ways to settle it", () => {
    expect(renderReply({ say: 'explain', intent: 'disagreement' }, voice).split('\n')).toEqual([
      'Here is the concern again so we can settle it (Database architect): Say what happens when the inviting user is deleted.',
      '',
      "**Should.** If the plan already covers this, quote where or push the change and I'll re-check it; if the risk is acceptable, the author or a maintainer can reply `won't fix: <reason>`, or a maintainer can reply `/rfc-panel withdraw`.",
    ]);
  });
});
