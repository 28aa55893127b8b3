import type { Config } from '../config/schema.js';
import type { Persona } from '../personas/schema.js';
import type { ReviewOutcome, ReviewRequest } from '../publish/review-request.js';
import type { BotIdentity, PullRef } from './types.js';

/** What a finished check run says (the merge gate). */
export interface CheckRunResult {
  conclusion: 'success' | 'failure' | 'neutral' | 'action_required';
  title: string;
  summary: string;
  text?: string;
}

/** The app's sticky summary comment on the pull request. */
export interface SummaryComment {
  id: number;
  body: string;
}

/** The pull request as it is now, in the words the jobs use. */
export interface PullSnapshot {
  state: string;
  draft: boolean;
  author: string;
  authorIsBot: boolean;
  headSha: string;
  baseSha: string;
  /** The base repository's web address, for permalinks. */
  repoUrl: string;
}

export interface PullFile {
  filename: string;
  status: string;
  previous_filename?: string;
  patch?: string;
}

/** A comment as far as the app reads it: who wrote it (to trust only its own markers) and what it says. */
export interface GitHubComment {
  id: number;
  body?: string | null;
  user?: { login?: string | null; type?: string | null } | null;
  performed_via_github_app?: { id?: number | null } | null;
  in_reply_to_id?: number;
}

/** A file's bytes at a ref, or why there are none: gone there, or over the caller's size cap. */
export type FileRead = { bytes: Buffer } | { missing: true } | { tooLarge: number };

/** Where a comment goes: the conversation, or a reply in a review thread opened by `replyTo`. */
export type CommentPlace = { kind: 'issue' } | { kind: 'reply'; replyTo: number };

/**
 * Everything the jobs ask of GitHub about one pull request. Every failure leaves it as an
 * ExternalServiceError sorted retryable or not (see sort-github-errors.ts); "not there" is an
 * answer (null, false, `missing`), not an error. Writes that must not happen twice say so.
 */
export interface PullGateway {
  readonly pull: PullRef;
  getPull(): Promise<PullSnapshot>;
  /** Write, maintain or admin on the repository; an unknown user has none. */
  hasWriteAccess(login: string): Promise<boolean>;
  /** `.github/rfc-panel.yml` from the default branch (org fallback, `_extends`), validated. */
  loadConfig(): Promise<Config>;
  /** A repository's persona folder on the default branch. */
  loadRepoPersonas(folder: string): Promise<Persona[]>;
  listFiles(): Promise<PullFile[]>;
  readFileAt(ref: string, path: string, options: { maxBytes: number }): Promise<FileRead>;
  listReviewComments(): Promise<GitHubComment[]>;
  getReviewComment(id: number): Promise<GitHubComment>;
  findSummary(identity: BotIdentity): Promise<SummaryComment | null>;
  /** The sticky summary created once, then edited in place. */
  ensureSummary(identity: BotIdentity, body: string, options: { existing?: SummaryComment | null; dryRun?: boolean }): Promise<void>;
  /** Post a comment carrying `tag` at most once (a write whose answer was lost is found by its tag). */
  postComment(place: CommentPlace, body: string, tag: string, identity: BotIdentity): Promise<void>;
  /** `postComment`, unless the app already wrote a comment carrying `tag` there: true when it posted. */
  postOnce(place: CommentPlace, body: string, tag: string, identity: BotIdentity): Promise<boolean>;
  startCheck(headSha: string): Promise<{ id: number }>;
  completeCheck(checkRunId: number, result: CheckRunResult): Promise<void>;
  noteRetry(checkRunId: number, note: { title: string; summary: string }): Promise<void>;
  /** A completed run on the head, created once (a reply or a response changed the gate). */
  createCompletedCheck(headSha: string, result: CheckRunResult): Promise<void>;
  /** One review per head, found by its marker or posted. */
  publishReview(request: Omit<ReviewRequest, 'pull'>): Promise<ReviewOutcome>;
  /** Resolve or reopen threads by their root comment; `resolvable` false when the app may not. */
  syncThreads(wanted: Map<number, boolean>): Promise<{ resolvable: boolean; threadIds: Map<number, string> }>;
  dismissChangeRequests(identity: BotIdentity, headSha: string): Promise<number>;
}
