// Issue #12: one way to change a finding's status (applyChange), and the ledger rules the review,
// reply and response jobs used to hold inline.
import { describe, expect, it } from '@jest/globals';
import { applyChange } from '../src/ledger/apply-change.js';
import { applyClaimChecks } from '../src/ledger/apply-claim-checks.js';
import { backfillThreadIds } from '../src/ledger/backfill-thread-ids.js';
import type { ClaimCheck } from '../src/ledger/check-response-claims.js';
import { findDeletedPaths } from '../src/ledger/find-deleted-paths.js';
import { isResponseDocument } from '../src/ledger/is-response-document.js';
import { maySettleFinding } from '../src/ledger/may-settle-finding.js';
import { recordChange } from '../src/ledger/record-change.js';
import { recordRevision } from '../src/ledger/record-revision.js';
import { entry, finding, ledgerOf } from './helpers/ledger-entries.js';

const SHA = '2'.repeat(40);
const AT = '2026-11-29T10:00:00.000Z';
const USAGE = { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0 };

describe('applyChange', () => {
  it('returns a new entry with the change appended, and reports from → to', () => {
    // Arrange
    const before = entry('1');
    const change = { status: 'addressed' as const, sha: SHA, at: AT, by: 'alice', note: 'fixed', lines: [7, 7] as [number, number] };

    // Act
    const report = applyChange(before, change);

    // Assert
    expect([report.from, report.to, report.entry.status, report.entry.history.at(-1)]).toEqual(['open', 'addressed', 'addressed', change]);
    expect(before.status).toBe('open');
  });

  it('keeps an outstanding claim unless told otherwise', () => {
    // Arrange
    const claimed = entry('1', 'open', { claim: { by: 'alice', at: AT } });
    const change = { status: 'regressed' as const, sha: SHA, at: AT, by: null, note: null, lines: null };

    // Act
    const kept = applyChange(claimed, change).entry.claim;
    const cleared = applyChange(claimed, change, null).entry.claim;

    // Assert
    expect([kept, cleared]).toEqual([{ by: 'alice', at: AT }, null]);
  });
});

describe('recordChange', () => {
  it('puts the changed entry in the ledger in place of the old one', () => {
    // Arrange
    const first = entry('1');
    const ledger = ledgerOf(first, entry('2'));

    // Act
    const report = recordChange(ledger, first, { status: 'withdrawn', sha: SHA, at: AT, by: 'bob', note: null, lines: null });

    // Assert
    expect(ledger.entries[0]).toBe(report.entry);
    expect(ledger.entries.map((e) => e.status)).toEqual(['withdrawn', 'open']);
  });
});

describe('applyClaimChecks', () => {
  const check = (e: ReturnType<typeof entry>, outcome: ClaimCheck['outcome']): ClaimCheck => ({
    claim: { heading: 'Fixed', findingId: null } as unknown as ClaimCheck['claim'],
    entry: e,
    outcome,
    detail: 'evidence',
    lines: [3, 3],
  });

  it('closes a verified finding once, even when two items claim it', () => {
    // Arrange
    const open = entry('1');
    const ledger = ledgerOf(open);

    // Act
    const changes = applyClaimChecks(ledger, [check(open, 'verified'), check(open, 'verified-elsewhere')], { sha: SHA, at: AT, by: 'alice' });

    // Assert
    expect(changes.map((c) => [c.from, c.to])).toEqual([['open', 'addressed']]);
    expect(ledger.entries[0]!.history.filter((h) => h.status === 'addressed')).toHaveLength(1);
  });

  it('keeps an unverified claim on record without changing the status, and leaves settled findings alone', () => {
    // Arrange
    const open = entry('1');
    const accepted = entry('2', 'accepted-risk');
    const ledger = ledgerOf(open, accepted);

    // Act
    const changes = applyClaimChecks(ledger, [check(open, 'not-verified'), check(accepted, 'verified')], { sha: SHA, at: AT, by: 'alice' });

    // Assert
    expect(changes).toEqual([]);
    expect(ledger.entries.map((e) => [e.status, e.claim])).toEqual([
      ['open', { by: 'alice', at: AT }],
      ['accepted-risk', null],
    ]);
  });
});

describe('findDeletedPaths', () => {
  const previous = ledgerOf(entry('1'), { ...entry('2'), finding: finding('2', { anchor: { ...finding('2').anchor, path: 'docs/old.md' } }) });

  it('supersedes documents the PR deletes or no longer changes when GitHub listed every file', () => {
    expect([...findDeletedPaths({ removed: ['docs/gone.md'], listedPaths: new Set(['docs/plan.md']), complete: true }, previous)]).toEqual([
      'docs/gone.md',
      'docs/old.md',
    ]);
  });

  it('does not read a path missing from a capped listing as unchanged', () => {
    expect([...findDeletedPaths({ removed: [], listedPaths: new Set(), complete: false }, previous)]).toEqual([]);
  });
});

describe('isResponseDocument', () => {
  const response = [
    '# Response',
    '',
    '## Findings Addressed',
    '',
    '### ✅ Foreign key',
    '**Your finding:** "Foreign key has no ON DELETE"',
    '**Location:** Lines 7-7',
  ].join('\n');

  it('is a *RESPONSE*.md holding response items', () => {
    expect(isResponseDocument({ path: 'docs/rfcs/plan-RESPONSE.md', doc: { text: response } })).toBe(true);
  });

  it('is not a plan whose name merely contains "response", nor a RESPONSE.md without items', () => {
    expect([
      isResponseDocument({ path: 'docs/incident-response-rfc.md', doc: { text: response } }),
      isResponseDocument({ path: 'docs/RESPONSE.md', doc: { text: '# Notes' } }),
    ]).toEqual([false, false]);
  });
});

describe('backfillThreadIds', () => {
  it('ties new threads to their findings and keeps a thread an entry already has', () => {
    // Arrange
    const ledger = ledgerOf(entry('1'), entry('2', 'open', { threadCommentId: 5 }));

    // Act
    backfillThreadIds(
      ledger,
      new Map([
        [finding('1').id, 11],
        [finding('2').id, 12],
      ]),
    );

    // Assert
    expect(ledger.entries.map((e) => e.threadCommentId)).toEqual([11, 5]);
  });
});

describe('recordRevision', () => {
  it('records one revision per head with its readiness and cost, and marks held findings without a thread', () => {
    // Arrange
    const held = entry('2');
    const reconciled = {
      ledger: {
        ...ledgerOf(entry('1', 'open', { threadCommentId: 3 }), held),
        revisions: [{ sha: SHA, at: 'earlier', readiness: 1, verdict: 'x', open: { critical: 0, important: 0, niceToHave: 0 } }],
      },
      newFindings: [],
      changes: [],
      stillOpen: [],
    };
    const review = { mode: 'full' as const, usage: USAGE, partial: false };

    // Act
    const { ledger, open } = recordRevision({ reconciled, previous: ledgerOf(), held: [held.finding], reviewed: [], sha: SHA, at: AT, review });

    // Assert
    expect(open).toHaveLength(2);
    expect(ledger.entries.map((e) => e.held)).toEqual([false, true]);
    expect(ledger.revisions.map((r) => [r.sha, r.at, r.open.important, r.review?.mode])).toEqual([[SHA, AT, 2, 'full']]);
  });
});

describe('maySettleFinding', () => {
  it.each([
    ['a writer, on a Critical finding', { isWriter: true, isAuthor: false }, true, 'writer', true],
    ['the author, on an Important finding', { isWriter: false, isAuthor: true }, false, 'writer', true],
    ['the author, on a Critical finding', { isWriter: false, isAuthor: true }, true, 'writer', false],
    ['the author, on a Critical finding where authors may accept them', { isWriter: false, isAuthor: true }, true, 'author-or-writer', true],
    ['a bystander', { isWriter: false, isAuthor: false }, false, 'author-or-writer', false],
  ] as const)('%s', (_who, who, critical, acceptCritical, expected) => {
    expect(maySettleFinding(who, critical, acceptCritical)).toBe(expected);
  });
});
