// Issue #12: one commitLedger for every job — thread updates first, then the summary with the
// ledger and the check run — run here on the in-memory gateway.
import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { parseConfig } from '../src/config/load-config.js';
import { decodeLedger } from '../src/ledger/ledger-codec.js';
import { recordChange } from '../src/ledger/record-change.js';
import { commitLedger } from '../src/publish/commit-ledger.js';
import { entry, ledgerOf } from './helpers/ledger-entries.js';
import { MEMORY_BOT, MemoryGateway } from './helpers/memory-gateway.js';

const SHA = '2'.repeat(40);

function targetOn(github: MemoryGateway) {
  return { github, pull: github.pull, headSha: SHA, identity: MEMORY_BOT, config: parseConfig({}), linkFor: () => 'https://example.invalid', seal: null };
}

describe('commitLedger', () => {
  it('answers in the thread of a finding the text closed, resolves it, then writes the summary and a completed check run', async () => {
    // Arrange
    const github = new MemoryGateway();
    const ledger = ledgerOf(entry('1', 'open', { threadCommentId: 40 }));
    const report = recordChange(ledger, ledger.entries[0]!, {
      status: 'addressed',
      sha: SHA,
      at: '2026-11-29T10:00:00.000Z',
      by: null,
      note: 'ON DELETE added',
      lines: [7, 7],
    });

    // Act
    const gate = await commitLedger(targetOn(github), {
      ledger,
      changes: [report],
      previousSha: null,
      personaNames: new Map(),
      summary: null,
      dryRun: false,
      log: pino({ level: 'silent' }),
    });

    // Assert
    expect(github.reviewComments.map((c) => [c.in_reply_to_id, c.body.split('\n')[0]])).toEqual([
      [40, '✅ Addressed in `2222222`: ON DELETE added (line 7). Resolving this thread.'],
    ]);
    expect(decodeLedger(github.issueComments[0]!.body)!.entries.map((e) => [e.status, e.resolved, e.threadNodeId])).toEqual([['addressed', true, 'thread-40']]);
    expect([gate.conclusion, github.checkRuns.map((r) => [r.headSha, r.status])]).toEqual(['success', [[SHA, 'completed']]]);
  });

  it('resolves a thread the job already answered in, without a second reply', async () => {
    // Arrange
    const github = new MemoryGateway();
    const ledger = ledgerOf(entry('1', 'open', { threadCommentId: 40 }));
    const report = recordChange(ledger, ledger.entries[0]!, {
      status: 'accepted-risk',
      sha: SHA,
      at: '2026-11-29T10:00:00.000Z',
      by: 'alice',
      note: 'tiny',
      lines: null,
    });

    // Act
    await commitLedger(targetOn(github), {
      ledger,
      changes: [report],
      threadChanges: [],
      resolve: [report.entry],
      previousSha: null,
      personaNames: new Map(),
      summary: null,
      dryRun: false,
      log: pino({ level: 'silent' }),
    });

    // Assert
    expect(github.reviewComments).toEqual([]);
    expect(decodeLedger(github.issueComments[0]!.body)!.entries.map((e) => [e.status, e.resolved])).toEqual([['accepted-risk', true]]);
  });
});
