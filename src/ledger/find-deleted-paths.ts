import type { FetchedDocuments } from '../documents/pull-document.js';
import type { Ledger } from './schema.js';

/**
 * Documents whose findings are superseded on this revision: those the pull request deletes, and
 * those it no longer changes — the latter only when GitHub listed every file (below its
 * 3000-file cap a missing path says nothing).
 */
export function findDeletedPaths(fetched: Pick<FetchedDocuments, 'removed' | 'listedPaths' | 'complete'>, previous: Ledger): Set<string> {
  const unlisted = fetched.complete ? previous.entries.map((e) => e.finding.anchor.path).filter((p) => !fetched.listedPaths.has(p)) : [];
  return new Set([...fetched.removed, ...unlisted]);
}
