import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config/schema.js';
import { decodeDocument } from '../documents/read-input-file.js';
import { readRawContent } from '../documents/fetch-pull-documents.js';
import { prepareDocumentOffThread } from '../documents/prepare-document-off-thread.js';
import type { PlanDocument } from '../documents/schema.js';
import type { Anchor } from '../findings/schema.js';
import { InputError } from '../errors/errors.js';
import { callGitHub } from '../github/call-github.js';
import type { BotIdentity, PullRef } from '../github/types.js';
import { readLedger } from '../ledger/read-ledger.js';
import type { Ledger } from '../ledger/schema.js';
import type { LedgerSeal } from '../ledger/ledger-codec.js';
import { loadPersonas } from '../personas/load-personas.js';
import { loadRepoPersonas } from '../personas/load-repo-personas.js';
import { findSummaryComment, type SummaryComment } from '../publish/ensure-summary-comment.js';
import { permalink } from '../publish/permalink.js';
import { type JobDeps, ledgerSealFor } from './job-deps.js';

export interface PullState {
  pull: PullRef;
  identity: BotIdentity;
  author: string;
  headSha: string;
  open: boolean;
  config: Config;
  summary: SummaryComment | null;
  ledger: Ledger | null;
  /** Signs the ledger when this job publishes it. */
  seal: LedgerSeal | null;
  personaNames: Map<string, string>;
  linkFor: (anchor: Anchor) => string;
  /** A document at the head, or null when it is gone or unreadable. */
  readDocument: (path: string) => Promise<PlanDocument | null>;
}

/** Everything a follow-up job (a reply, a response document) needs to judge a finding now. */
export async function loadPullState(deps: JobDeps, pull: PullRef): Promise<PullState> {
  const { octokit } = deps;
  const identity = await deps.identity();
  const { data: pr } = await callGitHub('reading the pull request', () => octokit.rest.pulls.get({ owner: pull.owner, repo: pull.repo, pull_number: pull.pullNumber }));
  const config = await loadConfig(octokit, pull.owner, pull.repo);
  const summary = await findSummaryComment(octokit, pull, identity);
  const headSha = pr.head.sha;
  return {
    pull, identity, headSha, config, summary,
    author: pr.user?.login ?? '',
    open: pr.state === 'open',
    // A ledger someone else edited is not used; the next review rebuilds it from the threads.
    ledger: readLedger(summary?.body, ledgerSealFor(deps, pull)).ledger,
    seal: ledgerSealFor(deps, pull),
    personaNames: new Map([...loadPersonas(), ...(config.reviewers.folder ? await loadRepoPersonas(octokit, pull.owner, pull.repo, config.reviewers.folder).catch(() => []) : [])].map((p) => [p.id, p.name])),
    linkFor: (anchor) => permalink(pr.base.repo.html_url, headSha, anchor),
    readDocument: async (path) => {
      try {
        const bytes = await readRawContent(octokit, { owner: pull.owner, repo: pull.repo, path, ref: headSha });
        // Off the webhook loop with the same deadline and heap cap as a review (a reply names any document).
        return (await prepareDocumentOffThread(path, decodeDocument(path, bytes), null, null)).doc;
      } catch (error) {
        // Gone, or past the limits (too deep, too slow, too large to parse): nothing to judge it against.
        if ((error as { status?: number }).status === 404 || error instanceof InputError) return null;
        throw error;
      }
    },
  };
}

/** Write access (or the PR's author, where the policy allows) decides a finding's fate. */
export async function hasWriteAccess(deps: Pick<JobDeps, 'octokit'>, pull: PullRef, login: string): Promise<boolean> {
  try {
    const { data } = await deps.octokit.rest.repos.getCollaboratorPermissionLevel({ owner: pull.owner, repo: pull.repo, username: login });
    return data.permission === 'admin' || data.permission === 'write' || data.permission === 'maintain';
  } catch (error) {
    if ((error as { status?: number }).status === 404) return false;
    throw error;
  }
}
