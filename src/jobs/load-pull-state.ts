import type { Config } from '../config/schema.js';
import { readPullDocument } from '../documents/fetch-pull-documents.js';
import type { PlanDocument } from '../documents/schema.js';
import type { Anchor } from '../findings/schema.js';
import type { PullGateway } from '../github/pull-gateway.js';
import type { BotIdentity, PullRef } from '../github/types.js';
import { readLedger } from '../ledger/read-ledger.js';
import type { Ledger } from '../ledger/schema.js';
import type { LedgerSeal } from '../ledger/ledger-codec.js';
import { loadPersonas } from '../personas/load-personas.js';
import type { SummaryComment } from '../publish/ensure-summary-comment.js';
import { permalink } from '../publish/permalink.js';
import { gatewayFor, type JobDeps, ledgerSealFor } from './job-deps.js';

export interface PullState {
  github: PullGateway;
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
  const github = gatewayFor(deps, pull);
  const identity = await deps.identity();
  const pr = await github.getPull();
  const config = await github.loadConfig();
  const summary = await github.findSummary(identity);
  const headSha = pr.headSha;
  return {
    github, pull, identity, headSha, config, summary,
    author: pr.author,
    open: pr.state === 'open',
    // A ledger someone else edited is not used; the next review rebuilds it from the threads.
    ledger: readLedger(summary?.body, ledgerSealFor(deps, pull)).ledger,
    seal: ledgerSealFor(deps, pull),
    personaNames: new Map([...loadPersonas(), ...(config.reviewers.folder ? await github.loadRepoPersonas(config.reviewers.folder).catch(() => []) : [])].map((p) => [p.id, p.name])),
    linkFor: (anchor) => permalink(pr.repoUrl, headSha, anchor),
    // Gone, or past the limits (too large, too deep, too slow to parse): nothing to judge it against.
    readDocument: (path) => readPullDocument(github, headSha, path, config.budgets.maxDocumentBytes),
  };
}
