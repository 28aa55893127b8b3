// Direct tests of reconcileLedger: one revision against the ledger, statuses decided from the text
// and from verdicts, human decisions kept, new findings separated, anchors relocated.
import { describe, expect, it } from '@jest/globals';
import { parseDocument } from '../src/documents/parse-document.js';
import type { Finding } from '../src/findings/schema.js';
import { reconcileLedger } from '../src/ledger/reconcile-ledger.js';
import type { ReconcileInput } from '../src/ledger/reconcile-types.js';
import { EMPTY_LEDGER, type FindingStatus, type Ledger, type LedgerEntry } from '../src/ledger/schema.js';

const PLAN = ['# Plan', '## Storage', 'We write rows to the primary database.', 'Writes are retried three times.', '## Rollout', 'We ship it on Friday.'].join(
  '\n',
);
const SHA = 'bbbbbbb';
const AT = '2026-01-02T00:00:00.000Z';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: 'aaaaaaaaaaaa',
    concern: 'storage.retries',
    ruleId: 'storage.retries',
    personas: ['staff-engineer'],
    engines: ['checklist'],
    severity: 'important',
    title: 'Retries without backoff',
    body: 'Retrying at once makes an outage worse.',
    recommendation: 'should',
    suggestion: null,
    anchor: { path: 'plan.md', level: 'line', startLine: 4, endLine: 4, quote: 'Writes are retried three times.', section: 'Plan › Storage' },
    ...overrides,
  };
}

function entry(f: Finding, status: FindingStatus = 'open', by: string | null = null): LedgerEntry {
  return {
    finding: f,
    status,
    raisedIn: 'aaaaaaa',
    threadCommentId: 11,
    threadNodeId: null,
    resolved: false,
    claim: null,
    held: false,
    history: [{ status, sha: 'aaaaaaa', at: '2026-01-01T00:00:00.000Z', by, note: null, lines: null }],
  };
}

function ledgerOf(...entries: LedgerEntry[]): Ledger {
  return { ...EMPTY_LEDGER, entries };
}

function reconcile(previous: Ledger, current: Finding[], extra: Partial<ReconcileInput> = {}, text = PLAN) {
  return reconcileLedger({ previous, current, documents: new Map([['plan.md', parseDocument('plan.md', text)]]), sha: SHA, at: AT, ...extra });
}

/** Status and the last history line of every entry, by id: what a reader of the ledger sees. */
function statuses(ledger: Ledger) {
  return ledger.entries.map((e) => ({ id: e.finding.id, status: e.status, last: e.history.at(-1) }));
}

describe('reconciling a checklist finding', () => {
  it('keeps an open finding open, with no status change, when its rule still fires', () => {
    const f = finding();

    const result = reconcile(ledgerOf(entry(f)), [f]);

    expect([result.changes, result.newFindings, result.ledger.entries.map((e) => e.status)]).toEqual([[], [], ['open']]);
  });

  it('moves an open finding to addressed with the mitigating line when its rule stops firing', () => {
    const f = finding();

    const result = reconcile(ledgerOf(entry(f)), [], { evidenceFor: () => ({ note: 'Writes back off exponentially.', lines: [4, 4] }) });

    expect(statuses(result.ledger)).toEqual([
      { id: f.id, status: 'addressed', last: { status: 'addressed', sha: SHA, at: AT, by: null, note: 'Writes back off exponentially.', lines: [4, 4] } },
    ]);
    expect(result.changes.map((c) => [c.from, c.to])).toEqual([['open', 'addressed']]);
  });

  it('says the rule no longer fires when a fixed finding has no evidence line', () => {
    const f = finding();

    const result = reconcile(ledgerOf(entry(f)), []);

    expect(result.ledger.entries[0]!.history.at(-1)).toEqual({
      status: 'addressed',
      sha: SHA,
      at: AT,
      by: null,
      note: 'the rule no longer fires on this revision',
      lines: null,
    });
  });

  it('says the quoted text was removed when the quote cannot be found any more', () => {
    const f = finding();
    const rewritten = PLAN.replace('Writes are retried three times.', 'Each write is idempotent.');

    const result = reconcile(ledgerOf(entry(f)), [], {}, rewritten);

    expect(result.ledger.entries[0]!.history.at(-1)).toEqual({
      status: 'addressed',
      sha: SHA,
      at: AT,
      by: null,
      note: 'the text this finding quoted was removed or rewritten',
      lines: null,
    });
  });

  it('regresses an addressed finding that fires again instead of raising it anew', () => {
    const f = finding();

    const result = reconcile(ledgerOf(entry(f, 'addressed')), [f]);

    expect([statuses(result.ledger), result.newFindings]).toEqual([
      [
        {
          id: f.id,
          status: 'regressed',
          last: { status: 'regressed', sha: SHA, at: AT, by: null, note: 'the concern is back in this revision', lines: [4, 4] },
        },
      ],
      [],
    ]);
  });

  it('leaves an addressed finding addressed, with no change, while its rule stays quiet', () => {
    const f = finding();

    const result = reconcile(ledgerOf(entry(f, 'addressed')), []);

    expect([result.changes, result.ledger.entries.map((e) => e.status)]).toEqual([[], ['addressed']]);
  });

  it('supersedes an open finding whose check was retired, rather than calling it addressed', () => {
    const f = finding();

    const result = reconcile(ledgerOf(entry(f)), [], { knownCheck: () => false });

    expect(statuses(result.ledger)).toEqual([
      {
        id: f.id,
        status: 'superseded',
        last: {
          status: 'superseded',
          sha: SHA,
          at: AT,
          by: null,
          note: 'the check that raised this finding was retired in this version of rfc-panel',
          lines: null,
        },
      },
    ]);
  });
});

describe('human decisions', () => {
  it('keeps an accepted risk when the text still fires', () => {
    const f = finding();

    const result = reconcile(ledgerOf(entry(f, 'accepted-risk', 'alice')), [f]);

    expect([result.changes, result.newFindings, statuses(result.ledger)]).toEqual([
      [],
      [],
      [
        {
          id: f.id,
          status: 'accepted-risk',
          last: { status: 'accepted-risk', sha: 'aaaaaaa', at: '2026-01-01T00:00:00.000Z', by: 'alice', note: null, lines: null },
        },
      ],
    ]);
  });

  it('keeps an accepted risk when the text no longer fires', () => {
    const f = finding();

    const result = reconcile(ledgerOf(entry(f, 'accepted-risk', 'alice')), [], { evidenceFor: () => ({ note: 'fixed', lines: [4, 4] }) });

    expect([result.changes, result.ledger.entries.map((e) => e.status)]).toEqual([[], ['accepted-risk']]);
  });

  it('keeps a withdrawn finding withdrawn when the panel raises it again', () => {
    const f = finding();

    const result = reconcile(ledgerOf(entry(f, 'withdrawn', 'maintainer')), [f]);

    expect([result.changes, result.newFindings, result.ledger.entries.map((e) => e.status)]).toEqual([[], [], ['withdrawn']]);
  });

  it('keeps an accepted risk on a model finding that a verifier calls addressed', () => {
    const f = finding({ engines: ['claude'], ruleId: null, concern: 'retry-storm' });

    const result = reconcile(ledgerOf(entry(f, 'accepted-risk', 'alice')), [], {
      verdicts: new Map([[f.id, { verdict: 'addressed', evidence: { note: 'backs off', lines: [4, 4] } }]]),
    });

    expect([result.changes, result.ledger.entries.map((e) => e.status)]).toEqual([[], ['accepted-risk']]);
  });
});

describe('reconciling a model finding', () => {
  const model = finding({ engines: ['claude'], ruleId: null, concern: 'retry-storm' });

  it("moves it to addressed with the verifier's evidence when the verdict is addressed", () => {
    const result = reconcile(ledgerOf(entry(model)), [], {
      verdicts: new Map([[model.id, { verdict: 'addressed', evidence: { note: 'Writes back off.', lines: [4, 4] } }]]),
    });

    expect(statuses(result.ledger)).toEqual([
      { id: model.id, status: 'addressed', last: { status: 'addressed', sha: SHA, at: AT, by: null, note: 'Writes back off.', lines: [4, 4] } },
    ]);
  });

  it('keeps it open and reports what is missing when the verdict is partly', () => {
    const result = reconcile(ledgerOf(entry(model)), [], { verdicts: new Map([[model.id, { verdict: 'partly', evidence: null, missing: 'no jitter' }]]) });

    expect([result.changes, result.ledger.entries.map((e) => e.status), result.stillOpen.map((s) => [s.entry.finding.id, s.missing])]).toEqual([
      [],
      ['open'],
      [[model.id, 'no jitter']],
    ]);
  });

  it('keeps it open when no verifier spoke and the panel did not raise it again', () => {
    const result = reconcile(ledgerOf(entry(model)), []);

    expect([result.changes, result.ledger.entries.map((e) => e.status), result.stillOpen]).toEqual([[], ['open'], []]);
  });

  it('regresses an addressed model finding that the panel raises again', () => {
    const result = reconcile(ledgerOf(entry(model, 'addressed')), [model]);

    expect(result.ledger.entries.map((e) => e.status)).toEqual(['regressed']);
  });
});

describe('new findings', () => {
  it('lists a finding the ledger does not hold as new and opens it at its lines', () => {
    const f = finding();

    const result = reconcile(EMPTY_LEDGER, [f]);

    expect([result.newFindings, result.ledger.entries]).toEqual([
      [f],
      [
        {
          finding: f,
          status: 'open',
          raisedIn: SHA,
          threadCommentId: null,
          threadNodeId: null,
          resolved: false,
          claim: null,
          held: false,
          history: [{ status: 'open', sha: SHA, at: AT, by: null, note: null, lines: [4, 4] }],
        },
      ],
    ]);
  });

  it('takes a finding with a new id on the same concern and text for the old one', () => {
    const old = finding({ personas: ['staff-engineer'] });
    const again = finding({ id: 'bbbbbbbbbbbb', personas: ['sre'] });

    const result = reconcile(ledgerOf(entry(old)), [again]);

    expect([result.newFindings, result.ledger.entries.map((e) => [e.finding.id, e.finding.personas])]).toEqual([[], [[old.id, ['staff-engineer', 'sre']]]]);
  });

  it('raises a different concern on the same lines as a new finding', () => {
    const old = finding();
    const other = finding({ id: 'cccccccccccc', concern: 'storage.durability', ruleId: 'storage.durability' });

    const result = reconcile(ledgerOf(entry(old)), [old, other]);

    expect(result.newFindings.map((f) => f.id)).toEqual([other.id]);
  });

  it('clears the counts a shrunken ledger kept of dropped findings', () => {
    const previous: Ledger = { ...EMPTY_LEDGER, dropped: { critical: 1, important: 2, niceToHave: 3 } };

    const result = reconcile(previous, []);

    expect(result.ledger.dropped).toEqual({ critical: 0, important: 0, niceToHave: 0 });
  });
});

describe('relocation', () => {
  it("moves a finding's anchor to where its quote sits in the new revision", () => {
    const f = finding({ engines: ['claude'], ruleId: null, concern: 'retry-storm' });
    const moved = PLAN.replace('## Storage', '## Storage\nWe keep one copy.\nReads go to a replica.');

    const result = reconcile(ledgerOf(entry(f)), [], {}, moved);

    expect(result.ledger.entries[0]!.finding.anchor).toEqual({ ...f.anchor, startLine: 6, endLine: 6 });
  });

  it('follows a renamed document to its new path', () => {
    const f = finding({ anchor: { ...finding().anchor, path: 'old.md' } });

    const result = reconcile(ledgerOf(entry(f)), [], { renamed: new Map([['old.md', 'plan.md']]), evidenceFor: () => null });

    expect(result.ledger.entries[0]!.finding.anchor.path).toEqual('plan.md');
  });

  it('supersedes an open finding whose document was deleted', () => {
    const f = finding({ anchor: { ...finding().anchor, path: 'gone.md' } });

    const result = reconcile(ledgerOf(entry(f)), [], { deleted: new Set(['gone.md']) });

    expect(statuses(result.ledger)).toEqual([
      {
        id: f.id,
        status: 'superseded',
        last: { status: 'superseded', sha: SHA, at: AT, by: null, note: 'gone.md was deleted or is no longer part of this pull request', lines: null },
      },
    ]);
  });

  it('leaves a finding untouched when its document was not reviewed in this revision', () => {
    const e = entry(finding({ anchor: { ...finding().anchor, path: 'elsewhere.md' } }));

    const result = reconcile(ledgerOf(e), []);

    expect([result.changes, result.ledger.entries]).toEqual([[], [e]]);
  });

  it("keeps a deleted document's accepted risk as it was", () => {
    const e = entry(finding({ anchor: { ...finding().anchor, path: 'gone.md' } }), 'accepted-risk', 'alice');

    const result = reconcile(ledgerOf(e), [], { deleted: new Set(['gone.md']) });

    expect([result.changes, result.ledger.entries]).toEqual([[], [e]]);
  });
});
