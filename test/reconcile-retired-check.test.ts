import { describe, expect, it } from '@jest/globals';
import { parseDocument } from '../src/documents/parse-document.js';
import { lineAnchor } from '../src/findings/make-anchor.js';
import type { Finding } from '../src/findings/schema.js';
import { reconcileLedger } from '../src/ledger/reconcile-ledger.js';
import type { Ledger } from '../src/ledger/schema.js';

const text = '# Tokens\n\n## Design\nAccess tokens are valid for 30 days.\n';
const doc = parseDocument('docs/tokens.md', text);

/** A ledger holding one open finding raised by an offline topic rule of an earlier version. */
function ledgerWithOldRuleFinding(): Ledger {
  const finding: Finding = {
    id: 'aaaaaaaaaaa1',
    concern: 'auth.long-lived-token',
    ruleId: 'auth.long-lived-token',
    personas: ['security'],
    engines: ['checklist'],
    severity: 'important',
    title: 'Access tokens live for 30 days',
    body: 'Long-lived tokens.',
    recommendation: 'should',
    suggestion: null,
    anchor: lineAnchor(doc, 4),
  };
  return {
    version: 1,
    revisions: [],
    dropped: { critical: 0, important: 0, niceToHave: 0 },
    entries: [
      {
        finding,
        status: 'open',
        raisedIn: '1'.repeat(40),
        threadCommentId: 7,
        threadNodeId: null,
        resolved: false,
        claim: null,
        held: false,
        history: [{ status: 'open', sha: '1'.repeat(40), at: '2026-11-20T10:00:00.000Z', by: null, note: null, lines: [4, 4] }],
      },
    ],
  };
}

function statusAfter(knownCheck: ((id: string) => boolean) | undefined): [string, string | null | undefined] {
  const { ledger } = reconcileLedger({
    previous: ledgerWithOldRuleFinding(),
    current: [],
    documents: new Map([[doc.path, doc]]),
    sha: '2'.repeat(40),
    at: '2026-11-29T10:00:00.000Z',
    ...(knownCheck ? { knownCheck } : {}),
  });
  const entry = ledger.entries[0]!;
  return [entry.status, entry.history.at(-1)?.note];
}

describe('reconciling a finding whose check no longer exists', () => {
  it('supersedes it, saying the check was retired, instead of calling it addressed', () => {
    expect(statusAfter(() => false)).toEqual(['superseded', 'the check that raised this finding was retired in this version of rfc-panel']);
  });

  it('still calls a finding addressed when its check exists and no longer fires', () => {
    expect(statusAfter(() => true)[0]).toBe('addressed');
  });
});
