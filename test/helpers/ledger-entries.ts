// Small ledgers for unit tests of the ledger transitions and the reply policy.
import type { Finding, Severity } from '../../src/findings/schema.js';
import type { FindingStatus, Ledger, LedgerEntry } from '../../src/ledger/schema.js';

export function finding(id: string, overrides: Partial<Finding> = {}): Finding {
  return {
    id: id.padStart(12, 'a'),
    concern: 'sql.fk-on-delete',
    ruleId: 'sql.fk-on-delete',
    personas: ['database-architect'],
    engines: ['checklist'],
    severity: 'important' as Severity,
    title: 'Foreign key has no ON DELETE',
    body: 'Say what happens when the inviting user is deleted.',
    recommendation: 'should',
    suggestion: null,
    anchor: { path: 'docs/plan.md', level: 'line', startLine: 7, endLine: 7, quote: 'inviter_id BIGINT', section: 'Schema' },
    ...overrides,
  };
}

export function entry(id: string, status: FindingStatus = 'open', overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    finding: finding(id),
    status,
    raisedIn: '1'.repeat(40),
    threadCommentId: null,
    threadNodeId: null,
    resolved: false,
    claim: null,
    held: false,
    history: [{ status: 'open', sha: '1'.repeat(40), at: '2026-11-20T10:00:00.000Z', by: null, note: null, lines: [7, 7] }],
    ...overrides,
  };
}

export function ledgerOf(...entries: LedgerEntry[]): Ledger {
  return { version: 1, revisions: [], dropped: { critical: 0, important: 0, niceToHave: 0 }, entries };
}
