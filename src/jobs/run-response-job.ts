import { OPEN_STATUSES } from '../ledger/schema.js';
import { createHash } from 'node:crypto';
import { callGitHub } from '../github/call-github.js';
import { findOwnComment } from '../github/find-own-comment.js';
import { isOwnComment } from '../github/is-own-comment.js';
import { writeOnce } from '../github/write-once.js';
import { checkResponseClaims, type ClaimCheck } from '../ledger/check-response-claims.js';
import { parseResponse } from '../ledger/parse-response.js';
import type { StatusChangeReport } from '../ledger/reconcile-ledger.js';
import { checklistVerifier } from '../engines/checklist/checklist-verifier.js';
import { publishLedger } from '../publish/publish-ledger.js';
import { publishThreadUpdates } from '../publish/publish-thread-updates.js';
import { tableCell } from '../publish/sanitise-markdown.js';
import type { ResponseJob } from '../queue/schema.js';
import type { PullRef } from '../github/types.js';
import type { JobDeps } from './job-deps.js';
import { hasWriteAccess, loadPullState } from './load-pull-state.js';

const OUTCOME_LABEL: Record<ClaimCheck['outcome'], string> = {
  verified: '✅ verified',
  'verified-elsewhere': '✅ verified (elsewhere)',
  'not-verified': '⏳ not fixed yet',
  unverifiable: '🕓 checked on next revision',
  unmatched: '❓ no matching finding',
  noted: '📝 noted',
};

/**
 * An author's response document posted as a PR comment: each claimed fix is matched to its ledger
 * finding and checked at the claimed location; verified claims close their findings, the rest are
 * answered with what is missing. Only the PR author's or a writer's claims change the ledger.
 */
export async function runResponseJob(deps: JobDeps, job: ResponseJob): Promise<void> {
  await answerResponse(deps, { owner: job.owner, repo: job.repo, pullNumber: job.pullNumber }, job.body, job.author, deps.log.child({ pull: `${job.owner}/${job.repo}#${job.pullNumber}`, delivery: job.deliveryId, comment: job.commentId }));
}

/** Items of one response that are checked; the rest are named, not checked. */
export const MAX_RESPONSE_CLAIMS = 100;
/** Below GitHub's 65,536-character comment limit, with room for the marker. */
const MAX_ANSWER_CHARS = 60_000;

/** A response (a PR comment, or a changed *RESPONSE*.md in the PR) checked against the ledger and answered. */
export async function answerResponse(deps: JobDeps, pull: PullRef, text: string, author: string, log: JobDeps['log'], source = 'this response'): Promise<void> {
  const job = { author };
  // Anyone can post a response: the items checked (each may read a document) and the answer are bounded.
  const allClaims = parseResponse(text);
  const claims = allClaims.slice(0, MAX_RESPONSE_CLAIMS);
  if (claims.length === 0) return log.debug('no claims in the comment');
  const state = await loadPullState(deps, pull);
  // The same response text is answered once, however many revisions carry it.
  const tag = `<!-- rfc-panel:response ${createHash('sha256').update(`${source}\u0000${text}`).digest('hex').slice(0, 16)} -->`;
  const comments = await callGitHub('listing PR comments', () => deps.octokit.paginate(deps.octokit.rest.issues.listComments, { owner: pull.owner, repo: pull.repo, issue_number: pull.pullNumber, per_page: 100 }));
  // Answered already: do not post again, but still apply the result — a retry may be finishing
  // what a failed ledger write left undone.
  const answered = comments.some((c) => isOwnComment(c, state.identity) && (c.body ?? '').includes(tag));
  if (!state.ledger || state.ledger.entries.length === 0) return log.info('response to a pull request without findings');
  const ledger = state.ledger;
  const mayDecide = job.author.toLowerCase() === state.author.toLowerCase() || (await hasWriteAccess(deps, pull, job.author));

  const docs = new Map<string, Awaited<ReturnType<typeof state.readDocument>>>();
  const checks = await checkResponseClaims(claims, ledger, async (entry) => {
    const path = entry.finding.anchor.path;
    if (!docs.has(path)) docs.set(path, await state.readDocument(path));
    const doc = docs.get(path) ?? null;
    return { verdict: doc ? await checklistVerifier.verify(entry, doc) : null, doc };
  });

  const at = deps.now().toISOString();
  const changes: StatusChangeReport[] = [];
  if (mayDecide) {
    for (const c of checks) {
      if (!c.entry || !OPEN_STATUSES.has(c.entry.status)) continue;
      if (c.outcome === 'verified' || c.outcome === 'verified-elsewhere') {
        const change = { status: 'addressed' as const, sha: state.headSha, at, by: job.author, note: c.detail, lines: c.lines };
        changes.push({ entry: c.entry, from: c.entry.status, to: 'addressed', change });
        Object.assign(c.entry, { status: 'addressed', history: [...c.entry.history, change], claim: null });
      } else if (c.outcome === 'not-verified' || c.outcome === 'unverifiable') {
        c.entry.claim = { by: job.author, at };
      }
    }
  }

  const rows = checks.map((c) => `| ${cell(c.claim.heading)} | ${c.entry ? cell(c.entry.finding.title) : '—'} | ${OUTCOME_LABEL[c.outcome]} | ${cell(c.detail)}${c.lines ? ` (lines ${c.lines[0]}–${c.lines[1]})` : ''} |`);
  const render = (shown: string[]): string => [
    `Checked ${checks.length} item(s) of ${source} against \`${state.headSha.slice(0, 7)}\`:`,
    '',
    '| Item | Finding | Result | Evidence / what is missing |',
    '|---|---|---|---|',
    ...shown,
    ...(shown.length < rows.length ? ['', `…and ${rows.length - shown.length} more item(s), not listed to stay within GitHub's comment size limit; the sticky summary shows every finding's status.`] : []),
    ...(allClaims.length > claims.length ? ['', `Only the first ${MAX_RESPONSE_CLAIMS} of ${allClaims.length} items were checked; answer the rest in their threads or in a shorter response.`] : []),
    ...(mayDecide ? [] : ['', 'Only the pull request author or someone with write access can close findings; nothing was changed.']),
    '',
    tag,
  ].join('\n');
  let shown = rows.length;
  let body = render(rows);
  while (body.length > MAX_ANSWER_CHARS && shown > 0) body = render(rows.slice(0, (shown = Math.floor(shown / 2))));
  if (!deps.dryRun && !answered) {
    await writeOnce('answering the response', (noRetry) => deps.octokit.rest.issues.createComment({ owner: pull.owner, repo: pull.repo, issue_number: pull.pullNumber, body, ...noRetry }), () => findOwnComment(deps.octokit, pull, state.identity, tag, 'issue'));
  }
  // Each closed finding's thread hears it too, and is resolved (the same replies a push produces).
  const threads = await publishThreadUpdates(deps.octokit, {
    pull, headSha: state.headSha, ledger, identity: state.identity, dryRun: deps.dryRun, log, stillOpen: [],
    changes: changes.map((c) => ({ ...c, change: { ...c.change, by: null } })),
  });
  await publishLedger(deps.octokit, {
    pull, headSha: state.headSha, identity: state.identity, ledger, previousSha: ledger.revisions.at(-2)?.sha ?? null, changes, newIds: new Set(),
    config: state.config, personaNames: state.personaNames, linkFor: state.linkFor, notes: [], threadsResolvable: threads.resolvable, existing: state.summary,
    checkRunId: null, dryRun: deps.dryRun, seal: state.seal,
  });
  log.info({ claims: checks.length, closed: changes.length }, 'response checked');
}

const cell = (text: string): string => tableCell(text, 300);
