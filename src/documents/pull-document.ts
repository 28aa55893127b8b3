import type { PlanDocument } from './schema.js';

/** A plan file a pull request changes, as the stages after fetching read it. */
export interface PullDocument {
  path: string;
  /** The file's name at the base when it was renamed in this PR. */
  previousPath: string | null;
  status: string;
  doc: PlanDocument;
  /** Text at the base, for modified and renamed files; null for new files. */
  baseText: string | null;
  /** Head lines a review comment may sit on. */
  commentable: Set<number>;
}

export interface FetchedDocuments {
  documents: PullDocument[];
  /** Matching files not reviewed, with why (too large, binary, not UTF-8). */
  skipped: Array<{ path: string; reason: string }>;
  /** Files in the PR. */
  filesListed: number;
  /** GitHub listed every file of the PR (it lists at most GITHUB_FILE_LISTING_LIMIT). */
  complete: boolean;
  /** Every path the PR touches now (new names and, for renames, old ones). */
  listedPaths: Set<string>;
  /** Paths the PR deletes. */
  removed: string[];
}
