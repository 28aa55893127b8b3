import type { Finding } from '../findings/schema.js';
import { applyChange } from './apply-change.js';
import { relocateAnchor } from '../findings/relocate-anchor.js';
import { anchorsOverlap } from '../findings/anchors-overlap.js';
import type { ReconcileInput, ReconcileResult, StatusChangeReport } from './reconcile-types.js';
import { type FindingStatus, type LedgerEntry, OPEN_STATUSES } from './schema.js';

function overlaps(a: Finding['anchor'], b: Finding['anchor']): boolean {
  if (a.path !== b.path) return false;
  if (a.level !== 'line' || b.level !== 'line') return a.level === b.level && a.section === b.section;
  return anchorsOverlap(a, b, 1);
}

/**
 * One new revision against the ledger: relocate every finding's anchor, decide each status from
 * evidence (a rule that no longer fires, a verifier's verdict), and separate what is new. Human
 * decisions (accepted risk, withdrawn) are never undone by the text; a fixed finding that comes
 * back is regressed, not raised again.
 */
export function reconcileLedger(input: ReconcileInput): ReconcileResult {
  const { previous, sha, at } = input;
  const changes: StatusChangeReport[] = [];
  const stillOpen: ReconcileResult['stillOpen'] = [];
  const claimed = new Set<string>();
  const entries: LedgerEntry[] = [];

  const record = (entry: LedgerEntry, to: FindingStatus, note: string | null, lines: [number, number] | null, by: string | null = null): LedgerEntry => {
    const report = applyChange(entry, { status: to, sha, at, by, note, lines });
    changes.push(report);
    return report.entry;
  };

  for (const entry of previous.entries) {
    const oldPath = entry.finding.anchor.path;
    const path = input.renamed?.get(oldPath) ?? oldPath;
    const doc = input.documents.get(path);
    if (!doc) {
      const gone = input.deleted?.has(oldPath) === true;
      entries.push(
        gone && OPEN_STATUSES.has(entry.status) ? record(entry, 'superseded', `${oldPath} was deleted or is no longer part of this pull request`, null) : entry,
      );
      continue;
    }
    const relocated = relocateAnchor(entry.finding.anchor, doc);
    const moved: LedgerEntry = { ...entry, finding: { ...entry.finding, anchor: relocated ?? { ...entry.finding.anchor, path } } };
    const match = input.current.find(
      (f) => !claimed.has(f.id) && (f.id === entry.finding.id || (f.concern === entry.finding.concern && relocated !== null && overlaps(f.anchor, relocated))),
    );
    if (match) claimed.add(match.id);
    const latest = match
      ? { ...moved, finding: { ...match, id: entry.finding.id, personas: [...new Set([...entry.finding.personas, ...match.personas])] } }
      : moved;

    if (entry.status === 'accepted-risk' || entry.status === 'withdrawn') {
      entries.push(latest);
      continue;
    }
    const deterministic = entry.finding.engines.includes('checklist');
    if (deterministic && !match && OPEN_STATUSES.has(entry.status) && entry.finding.ruleId && input.knownCheck && !input.knownCheck(entry.finding.ruleId)) {
      entries.push(record(latest, 'superseded', 'the check that raised this finding was retired in this version of rfc-panel', null));
      continue;
    }
    const verdict = input.verdicts?.get(entry.finding.id) ?? null;
    const stillThere = deterministic ? match !== undefined : verdict ? verdict.verdict !== 'addressed' : match !== undefined || entry.status !== 'addressed';

    if (entry.status === 'addressed' || entry.status === 'superseded') {
      entries.push(stillThere && match ? record(latest, 'regressed', 'the concern is back in this revision', lineRange(match)) : latest);
      continue;
    }
    // open or regressed
    if (stillThere) {
      entries.push(latest);
      if (verdict && verdict.verdict !== 'addressed') stillOpen.push({ entry: latest, missing: verdict.missing ?? null });
      continue;
    }
    const evidence =
      verdict?.evidence ??
      input.evidenceFor?.(latest, doc) ??
      (relocated ? null : { note: 'the text this finding quoted was removed or rewritten', lines: null });
    entries.push(record(latest, 'addressed', evidence?.note ?? 'the rule no longer fires on this revision', evidence?.lines ?? null));
  }

  const known = new Set(previous.entries.map((e) => e.finding.id));
  const newFindings = input.current.filter((f) => !claimed.has(f.id) && !known.has(f.id));
  for (const f of newFindings) {
    entries.push({
      finding: f,
      status: 'open',
      raisedIn: sha,
      threadCommentId: null,
      threadNodeId: null,
      resolved: false,
      claim: null,
      history: [{ status: 'open', sha, at, by: null, note: null, lines: lineRange(f) }],
      held: false,
    });
  }
  // Every open finding is in `current` again: what a shrunken ledger only counted is listed anew.
  return { ledger: { ...previous, entries, dropped: { critical: 0, important: 0, niceToHave: 0 } }, newFindings, changes, stillOpen };
}

function lineRange(f: Finding): [number, number] | null {
  return f.anchor.level === 'line' && f.anchor.startLine !== null && f.anchor.endLine !== null ? [f.anchor.startLine, f.anchor.endLine] : null;
}
