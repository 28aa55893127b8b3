import type { FetchedDocuments } from '../documents/pull-document.js';
import { GITHUB_FILE_LISTING_LIMIT } from '../documents/fetch-pull-documents.js';

/** What the summary says about the documents of a pull request that were not reviewed, and why. */
export function renderFetchNotes(fetched: Pick<FetchedDocuments, 'skipped' | 'complete'>): string[] {
  const notes = fetched.skipped.map((s) => `${s.path} was not reviewed: ${s.reason}.`);
  if (!fetched.complete) notes.push(`GitHub lists at most ${GITHUB_FILE_LISTING_LIMIT} files of a pull request; documents beyond that were not seen.`);
  return notes;
}
