// Issue #12: the review job's inline rules, each a named function of the stage that owns it.
import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../src/config/load-config.js';
import { describeRequest } from '../src/github/sort-github-errors.js';
import { whyNotReview } from '../src/jobs/why-not-review.js';
import { mergePersonas } from '../src/personas/merge-personas.js';
import { chooseReviewEvent } from '../src/publish/choose-review-event.js';
import { fitComment } from '../src/publish/fit-comment.js';
import { renderFetchNotes } from '../src/publish/render-fetch-notes.js';
import type { PullSnapshot } from '../src/github/pull-gateway.js';
import type { ReviewJob } from '../src/queue/schema.js';

const PR: PullSnapshot = {
  state: 'open',
  draft: false,
  author: 'alice',
  authorIsBot: false,
  headSha: 'a'.repeat(40),
  baseSha: 'b'.repeat(40),
  repoUrl: 'https://github.com/acme/plans',
};
const JOB: ReviewJob = {
  kind: 'review',
  deliveryId: 'd',
  installationId: 1,
  owner: 'acme',
  repo: 'plans',
  pullNumber: 7,
  headSha: 'a'.repeat(40),
  trigger: 'synchronize',
  force: false,
  requestedBy: null,
};
const nobodyWrites = { hasWriteAccess: async () => false };

describe('whyNotReview', () => {
  it('reviews an open pull request at the head the event named', async () => {
    expect(await whyNotReview(JOB, PR, nobodyWrites)).toBeNull();
  });

  it.each([
    ['a closed pull request', JOB, { ...PR, state: 'closed' }, 'skipped: pull request is not open'],
    ['one opened by a bot', JOB, { ...PR, authorIsBot: true }, 'skipped: opened by a bot'],
    ['an older head while a newer push is queued', { ...JOB, headSha: 'c'.repeat(40) }, PR, 'skipped: a newer push is queued for review'],
    [
      'a command from someone without write access',
      { ...JOB, trigger: 'command' as const, headSha: null, requestedBy: 'mallory' },
      PR,
      'skipped: /rfc-panel review from someone without write access',
    ],
  ])('skips %s', async (_what, job, pr, reason) => {
    expect((await whyNotReview(job, pr, nobodyWrites))?.reason).toBe(reason);
  });

  it('reviews an older head when forced (the Re-review button)', async () => {
    expect(await whyNotReview({ ...JOB, headSha: 'c'.repeat(40), force: true }, PR, nobodyWrites)).toBeNull();
  });
});

describe('renderFetchNotes', () => {
  it("names skipped documents, and says when GitHub's file listing was capped", () => {
    expect(renderFetchNotes({ skipped: [{ path: 'docs/big.md', reason: 'too large' }], complete: false })).toEqual([
      'docs/big.md was not reviewed: too large.',
      'GitHub lists at most 3000 files of a pull request; documents beyond that were not seen.',
    ]);
  });
});

describe('chooseReviewEvent', () => {
  it('requests changes only when configured to and a Critical finding is open', () => {
    const requestChanges = parseConfig({ reviewEvent: 'request-changes' });
    expect([
      chooseReviewEvent(requestChanges, [{ severity: 'critical' }]),
      chooseReviewEvent(requestChanges, [{ severity: 'important' }]),
      chooseReviewEvent(parseConfig({}), [{ severity: 'critical' }]),
    ]).toEqual(['REQUEST_CHANGES', 'COMMENT', 'COMMENT']);
  });
});

describe('mergePersonas', () => {
  it('lets a repository persona replace the built-in one with the same id, keeping the order', () => {
    expect(
      mergePersonas(
        [
          { id: 'a', v: 1 },
          { id: 'b', v: 1 },
        ],
        [
          { id: 'b', v: 2 },
          { id: 'c', v: 2 },
        ],
      ),
    ).toEqual([
      { id: 'a', v: 1 },
      { id: 'b', v: 2 },
      { id: 'c', v: 2 },
    ]);
  });
});

describe('describeRequest', () => {
  it("uses the caller's words, then the route, then the method and path", () => {
    expect([
      describeRequest({ method: 'GET', url: '/repos/{owner}/{repo}/pulls/{pull_number}', request: { what: 'reading the thread' } }),
      describeRequest({ method: 'GET', url: 'https://api.github.com/repositories/1/pulls/7/files?page=2' }),
      describeRequest({ method: 'GET', url: '/repos/acme/plans/contents/docs%2Fplan.md' }),
      describeRequest({ method: 'DELETE', url: '/repos/{owner}/{repo}/issues/comments/{comment_id}' }),
    ]).toEqual([
      'reading the thread',
      'listing the pull request files',
      'reading docs/plan.md',
      'GitHub DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}',
    ]);
  });
});

describe('fitComment', () => {
  it('shortens only what would not fit in a GitHub comment, and says so', () => {
    const long = fitComment('x'.repeat(70_000));
    expect([fitComment('short'), long.length, long.endsWith("(shortened to GitHub's comment size limit)")]).toEqual(['short', 59_900 + 45, true]);
  });
});
