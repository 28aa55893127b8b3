import { decodeDocument } from '../documents/read-input-file.js';
import { diffRevision } from '../documents/diff-revision.js';
import type { ReviewScope } from '../documents/review-scope.js';
import type { PullDocument } from '../documents/pull-document.js';
import type { RevisionInput } from '../engines/types.js';
import { InputError } from '../errors/errors.js';
import type { Finding } from '../findings/schema.js';
import type { PullGateway } from '../github/pull-gateway.js';
import { type Ledger, OPEN_STATUSES } from '../ledger/schema.js';

/** Over this share of a document's lines changed, a revision is reviewed whole: too little context would be left. */
export const FULL_REVIEW_SHARE = 0.5;

/** How one document is reviewed on this revision. */

export interface PreparedRevisions {
  /** By path: the documents reviewed incrementally, for the panel. */
  revisions: Map<string, RevisionInput>;
  scopes: Map<string, ReviewScope>;
  notes: string[];
}

/**
 * Decides, per document, whether this revision is reviewed whole or by what changed since the last
 * reviewed revision (the ledger's latest SHA, read back from GitHub, so any replica decides alike).
 * Whole: the first review, a forced full re-review, a document new since then or unreadable at that
 * SHA, a previous review that was partial, or a rewrite of more than half of the document.
 */
export async function prepareRevisions(
  github: Pick<PullGateway, 'readFileAt'>,
  previous: Ledger,
  documents: PullDocument[],
  options: { full: boolean; maxBytes: number },
): Promise<PreparedRevisions> {
  const revisions = new Map<string, RevisionInput>();
  const scopes = new Map<string, ReviewScope>();
  const notes: string[] = [];
  const last = previous.revisions.at(-1);
  const whole = (reason: string | null): void => {
    for (const d of documents) scopes.set(d.path, { mode: 'full', reason });
  };
  if (!last) {
    whole(null);
    return { revisions, scopes, notes };
  }
  if (options.full) {
    whole('a full re-review was requested');
    notes.push('Full re-review requested: every document was reviewed whole, without the section cache.');
    return { revisions, scopes, notes };
  }
  if (last.review?.partial) {
    whole(`the review of ${last.sha.slice(0, 7)} was partial`);
    notes.push(`The review of \`${last.sha.slice(0, 7)}\` was partial (a reviewer did not complete), so this revision was reviewed whole.`);
    return { revisions, scopes, notes };
  }

  const known = new Map<string, Finding>(previous.entries.map((e) => [e.finding.id, e.finding]));
  const cache = new Map(Object.entries(previous.sectionCache ?? {}));
  for (const d of documents) {
    const before = await readAt(github, last.sha, [d.path, ...(d.previousPath ? [d.previousPath] : [])], options.maxBytes);
    if (before === null) {
      scopes.set(d.path, { mode: 'full', reason: `not in the last reviewed revision ${last.sha.slice(0, 7)}` });
      continue;
    }
    const diff = diffRevision(before, d.doc);
    if (diff.changedLines > diff.totalLines * FULL_REVIEW_SHARE) {
      scopes.set(d.path, { mode: 'full', reason: 'more than half of it changed' });
      notes.push(`\`${d.path}\` was reviewed whole: ${diff.changedLines} of its ${diff.totalLines} lines changed since \`${last.sha.slice(0, 7)}\`.`);
      continue;
    }
    scopes.set(d.path, { mode: 'incremental', changed: diff.changed, previousSha: last.sha });
    const paths = new Set([d.path, ...(d.previousPath ? [d.previousPath] : [])]);
    const open = previous.entries
      .filter((e) => OPEN_STATUSES.has(e.status) && paths.has(e.finding.anchor.path))
      .map((e) => ({ ...e.finding, anchor: { ...e.finding.anchor, path: d.path } }));
    revisions.set(d.path, { changed: diff.changed, open, cache, known });
    if (diff.changed.length === 0)
      notes.push(`\`${d.path}\` did not change since \`${last.sha.slice(0, 7)}\`: its findings keep their status and no reviewer was called.`);
  }
  return { revisions, scopes, notes };
}

/** The document's text at `sha` under the first of `paths` that exists there; null when none does. */
async function readAt(github: Pick<PullGateway, 'readFileAt'>, sha: string, paths: string[], maxBytes: number): Promise<string | null> {
  for (const path of paths) {
    const read = await github.readFileAt(sha, path, { maxBytes });
    // Gone (force-pushed away, renamed, new), too large or unreadable: that document is reviewed whole instead.
    if (!('bytes' in read)) continue;
    try {
      return decodeDocument(path, read.bytes);
    } catch (error) {
      if (error instanceof InputError) continue;
      throw error;
    }
  }
  return null;
}
