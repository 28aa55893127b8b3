import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffRevision } from '../src/documents/diff-revision.js';
import { parseDocument } from '../src/documents/parse-document.js';
import { createClaudeEngine } from '../src/engines/claude/create-claude-engine.js';
import type { EngineResult, RevisionInput } from '../src/engines/types.js';
import { mergeFindings } from '../src/findings/merge-findings.js';
import { rememberSections } from '../src/ledger/remember-sections.js';
import type { LedgerEntry } from '../src/ledger/schema.js';
import { packageRoot } from '../src/package-root.js';
import type { Persona } from '../src/personas/schema.js';
import { type FakeCall, startFakeMessagesApi } from './fake-messages-api.js';

export const FIXTURE = 'kep-1040-priority-and-fairness.md';
/** The one-section edit: the last paragraph of "Risks and Mitigations" becomes two concrete lines. */
const BEFORE = 'There are likely others.';
const AFTER = [
  'A misconfigured FlowSchema can starve system traffic; the exempt and catch-all priority levels are always kept,',
  'and operators can turn the feature off with the APIPriorityAndFairness feature gate to fall back to max-in-flight limits.',
].join('\n');

export interface RereviewMeasure {
  path: string;
  lines: number;
  changed: string;
  first: { requests: number; billed: number };
  /** The revision in the same run as the first review: the fake's prompt cache as the first review left it. */
  warm: { requests: number; billed: number; personas: string[] };
  /** The same revision against an empty cache, as when the push lands after the cache expired. */
  cold: { requests: number; billed: number };
  dropped: number;
  /** New findings of the revision anchored on lines the edit did not change (each would be a new comment). */
  newOnUnchangedLines: number;
  newOnChangedLines: number;
}

export interface FakeLatency {
  ttftMs: number;
  msPerInputToken: number;
  msPerOutputToken: number;
  minOutput: number;
  maxOutput: number;
}

const billed = (calls: FakeCall[]): number =>
  Math.round(calls.reduce((sum, c) => sum + c.usage.input_tokens + 1.25 * c.usage.cache_creation_input_tokens + 0.1 * c.usage.cache_read_input_tokens, 0));

/**
 * The re-review case: a full review of a real 3,337-line KEP by the whole panel, then a one-section
 * edit of it reviewed incrementally — with the first review's findings open and the section cache
 * it left, as the app's ledger would hold them — on the same fake Messages API, and once more on a
 * fresh one (cold cache).
 */
export async function measureRereview(personas: Persona[], latency: FakeLatency): Promise<RereviewMeasure> {
  const path = join(packageRoot(), 'bench', 'fixtures', FIXTURE);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(BEFORE)) throw new Error(`${FIXTURE} no longer contains the paragraph the re-review case edits`);
  const before = parseDocument(`keps/${FIXTURE}`, text);
  const after = parseDocument(`keps/${FIXTURE}`, text.replace(BEFORE, AFTER));
  const fakeOptions = {
    ttftMs: latency.ttftMs,
    msPerInputToken: latency.msPerInputToken,
    msPerOutputToken: latency.msPerOutputToken,
    minCacheableTokens: 1024,
    outputTokensFor: (id: string) => {
      const seed = parseInt(createHash('sha256').update(id).digest('hex').slice(0, 8), 16);
      return latency.minOutput + (seed % Math.max(1, latency.maxOutput - latency.minOutput + 1));
    },
  };
  const engineFor = (url: string) =>
    createClaudeEngine({ apiKey: 'bench-key', baseURL: url, env: {}, warmCache: 'primer', maxRetries: 0, concurrency: personas.length + 1 });

  const warmApi = await startFakeMessagesApi(fakeOptions);
  const coldApi = await startFakeMessagesApi(fakeOptions);
  try {
    const first = await engineFor(warmApi.url).review({ document: before, personas });
    const firstCalls = [...warmApi.calls];
    const findings = mergeFindings(first.findings);
    const entries: LedgerEntry[] = findings.map((finding) => ({
      finding,
      status: 'open',
      raisedIn: 'first',
      threadCommentId: null,
      threadNodeId: null,
      resolved: false,
      claim: null,
      held: false,
      history: [],
    }));
    const diff = diffRevision(text, after);
    const revision: RevisionInput = {
      changed: diff.changed,
      open: findings,
      cache: new Map(Object.entries(rememberSections(undefined, first.reviewed ?? [], entries))),
      known: new Map(findings.map((f) => [f.id, f])),
    };

    const warm = await engineFor(warmApi.url).review({ document: after, personas, revision });
    const warmCalls = warmApi.calls.slice(firstCalls.length);
    await engineFor(coldApi.url).review({ document: after, personas, revision });

    const known = new Set(findings.map((f) => f.id));
    const fresh = mergeFindings(warm.findings).filter((f) => !known.has(f.id) && f.anchor.level === 'line' && f.anchor.startLine !== null);
    const onChanged = (start: number, end: number): boolean => diff.changed.some((r) => r.startLine <= end && start <= r.endLine);
    const onUnchanged = fresh.filter((f) => !onChanged(f.anchor.startLine!, f.anchor.endLine ?? f.anchor.startLine!));
    return {
      path,
      lines: after.lines.length,
      changed: diff.changed.map((r) => (r.startLine === r.endLine ? `${r.startLine}` : `${r.startLine}–${r.endLine}`)).join(', '),
      first: { requests: firstCalls.length, billed: billed(firstCalls) },
      warm: { requests: warmCalls.length, billed: billed(warmCalls), personas: called(warm) },
      cold: { requests: coldApi.calls.length, billed: billed(coldApi.calls) },
      dropped: warm.dropped ?? 0,
      newOnUnchangedLines: onUnchanged.length,
      newOnChangedLines: fresh.length - onUnchanged.length,
    };
  } finally {
    await warmApi.close();
    await coldApi.close();
  }
}

function called(result: EngineResult): string[] {
  return result.runs.filter((r) => r.status !== 'skipped').map((r) => r.persona);
}
