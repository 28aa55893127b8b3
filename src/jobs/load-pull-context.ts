import type { Config } from '../config/schema.js';
import { readPullDocument } from '../documents/fetch-pull-documents.js';
import type { PlanDocument } from '../documents/schema.js';
import type { Anchor } from '../findings/schema.js';
import type { PullGateway, PullSnapshot } from '../github/pull-gateway.js';
import type { BotIdentity, PullRef } from '../github/types.js';
import type { LedgerSeal } from '../ledger/ledger-codec.js';
import { loadPersonas } from '../personas/load-personas.js';
import { mergePersonas } from '../personas/merge-personas.js';
import type { Persona } from '../personas/schema.js';
import { permalink } from '../publish/permalink.js';
import { type JobDeps, ledgerSealFor } from './job-deps.js';

/** One pull request as every job sees it: review, reply and response read it the same way. */
export interface PullContext {
  github: PullGateway;
  pull: PullRef;
  pr: PullSnapshot;
  headSha: string;
  identity: BotIdentity;
  config: Config;
  /** Signs the ledger when this job publishes it. */
  seal: LedgerSeal | null;
  linkFor: (anchor: Anchor) => string;
  /** Built-in personas with the repository's folder over them, read once per job (see below). */
  personas: () => Promise<Persona[]>;
  /** A document at the head through `documents/` (size cap, off-thread parse), or null when it is gone or past the limits. */
  readDocument: (path: string) => Promise<PlanDocument | null>;
}

/**
 * The pull request's config and identity (the pull request itself unless the caller has just read
 * it), with personas and documents read on demand.
 *
 * Persona-loading policy — one for every job: the repository's folder is read at most once per job
 * and a failure is not swallowed. The folder is part of the config (`reviewers.folder`), so it fails
 * like the config does: a GitHub outage is a retryable ExternalServiceError and the job is retried;
 * a missing or oversized folder is a ValidationError the user sees (on the check run for a review).
 * Swallowing it, as follow-up jobs used to, made a 5xx silently change who a finding belongs to and
 * which persona answers for it, and then fetched the folder a second time in the same job.
 */
export async function loadPullContext(deps: JobDeps, github: PullGateway, known?: PullSnapshot): Promise<PullContext> {
  const identity = await deps.identity();
  const pr = known ?? (await github.getPull());
  const config = await github.loadConfig();
  const headSha = pr.headSha;
  let personas: Promise<Persona[]> | null = null;
  return {
    github,
    pr,
    headSha,
    identity,
    config,
    pull: github.pull,
    seal: ledgerSealFor(deps, github.pull),
    linkFor: (anchor) => permalink(pr.repoUrl, headSha, anchor),
    personas: () =>
      (personas ??= (async () => mergePersonas(loadPersonas(), config.reviewers.folder ? await github.loadRepoPersonas(config.reviewers.folder) : []))()),
    readDocument: (path) => readPullDocument(github, headSha, path, config.budgets.maxDocumentBytes),
  };
}
