// Direct tests of jobsForEvent: a webhook (or a workflow's event file) → the jobs to queue, with the
// guards the App and the Action share (bots, closed pull requests, foreign check runs, commands).
import { describe, expect, it } from '@jest/globals';
import { jobsForEvent } from '../src/events/jobs-for-event.js';

const repository = { name: 'r', owner: { login: 'o' } };
const installation = { id: 7 };

function pullRequestEvent(action: string, pr: Record<string, unknown> = {}) {
  return {
    id: 'd1',
    name: 'pull_request',
    payload: {
      action,
      installation,
      repository,
      pull_request: { number: 3, state: 'open', user: { login: 'alice', type: 'User' }, head: { sha: 'abc1234' }, ...pr },
    },
  };
}

function issueComment(body: string, user = { login: 'bob', type: 'User' }, issue: Record<string, unknown> = {}) {
  return {
    id: 'd2',
    name: 'issue_comment',
    payload: { action: 'created', installation, repository, issue: { number: 3, state: 'open', pull_request: {}, ...issue }, comment: { id: 55, body, user } },
  };
}

function reviewComment(comment: Record<string, unknown>, state = 'open') {
  return {
    id: 'd3',
    name: 'pull_request_review_comment',
    payload: {
      action: 'created',
      installation,
      repository,
      pull_request: { number: 3, state },
      comment: { id: 66, body: 'fixed', user: { login: 'alice', type: 'User' }, in_reply_to_id: 60, ...comment },
    },
  };
}

function checkRun(action: string, run: Record<string, unknown> = {}, requested: { identifier: string } | null = null) {
  return {
    id: 'd4',
    name: 'check_run',
    payload: {
      action,
      installation,
      repository,
      sender: { login: 'carol' },
      check_run: { name: 'rfc-panel', head_sha: 'def5678', pull_requests: [{ number: 3 }, { number: 4 }], ...run },
      requested_action: requested,
    },
  };
}

const pull = { installationId: 7, owner: 'o', repo: 'r', pullNumber: 3 };

describe('pull request events', () => {
  it('queues a review of the head for an opened pull request', () => {
    const mapped = jobsForEvent(pullRequestEvent('opened'));

    expect(mapped).toEqual({
      jobs: [{ kind: 'review', deliveryId: 'd1', ...pull, headSha: 'abc1234', trigger: 'opened', force: false, requestedBy: null }],
      skipped: null,
    });
  });

  it('queues a review for a push, a reopen and a draft made ready', () => {
    const triggers = ['synchronize', 'reopened', 'ready_for_review'].map((a) =>
      jobsForEvent(pullRequestEvent(a)).jobs.map((j) => j.kind === 'review' && j.trigger),
    );

    expect(triggers).toEqual([['synchronize'], ['reopened'], ['ready_for_review']]);
  });

  it('ignores a pull request opened by a bot', () => {
    const mapped = jobsForEvent(pullRequestEvent('opened', { user: { login: 'dependabot[bot]', type: 'Bot' } }));

    expect(mapped).toEqual({ jobs: [], skipped: { level: 'info', reason: 'ignored: pull request opened by a bot (dependabot[bot])' } });
  });

  it('ignores a closed pull request', () => {
    const mapped = jobsForEvent(pullRequestEvent('synchronize', { state: 'closed' }));

    expect(mapped).toEqual({ jobs: [], skipped: { level: 'debug', reason: 'ignored: pull request is not open' } });
  });

  it('ignores actions it does not act on', () => {
    const mapped = jobsForEvent(pullRequestEvent('labeled'));

    expect(mapped).toEqual({ jobs: [], skipped: { level: 'debug', reason: 'ignored: pull_request.labeled is not an event rfc-panel acts on' } });
  });

  it('warns about a payload without the fields a review needs', () => {
    const mapped = jobsForEvent({ id: 'd1', name: 'pull_request', payload: { action: 'opened', installation, repository } });

    expect(mapped).toEqual({ jobs: [], skipped: { level: 'warn', reason: 'ignored: payload lacks the fields a review needs' } });
  });

  it('takes the installation from the options when the payload has none, as in a workflow', () => {
    const event = pullRequestEvent('opened');
    const { installation: _, ...payload } = event.payload;

    const mapped = jobsForEvent({ ...event, payload }, { installationId: 99 });

    expect(mapped.jobs.map((j) => j.installationId)).toEqual([99]);
  });

  it('ignores a payload without an installation when none is given', () => {
    const event = pullRequestEvent('opened');
    const { installation: _, ...payload } = event.payload;

    const mapped = jobsForEvent({ ...event, payload });

    expect(mapped).toEqual({ jobs: [], skipped: { level: 'warn', reason: 'ignored: payload lacks the fields a review needs' } });
  });
});

describe('comment commands and responses', () => {
  it('queues a forced review of the current head for /rfc-panel review, asked by the commenter', () => {
    const mapped = jobsForEvent(issueComment('Please take another look\n/rfc-panel review'));

    expect(mapped).toEqual({
      jobs: [{ kind: 'review', deliveryId: 'd2', ...pull, headSha: null, trigger: 'command', force: true, requestedBy: 'bob' }],
      skipped: null,
    });
  });

  it('asks for a full review for /rfc-panel review --full', () => {
    const mapped = jobsForEvent(issueComment('/rfc-panel review --full'));

    expect(mapped.jobs).toEqual([
      { kind: 'review', deliveryId: 'd2', ...pull, headSha: null, trigger: 'command', force: true, requestedBy: 'bob', full: true },
    ]);
  });

  it('queues a response job for a comment that answers the findings', () => {
    const mapped = jobsForEvent(issueComment('## Response\n- ✅ retries: added backoff'));

    expect(mapped.jobs).toEqual([
      { kind: 'response', deliveryId: 'd2', ...pull, commentId: 55, author: 'bob', body: '## Response\n- ✅ retries: added backoff' },
    ]);
  });

  it('ignores a command written by a bot', () => {
    const mapped = jobsForEvent(issueComment('/rfc-panel review', { login: 'ci[bot]', type: 'Bot' }));

    expect(mapped).toEqual({ jobs: [], skipped: { level: 'debug', reason: 'ignored: comment written by a bot' } });
  });

  it('ignores a command on an issue that is not a pull request', () => {
    const event = issueComment('/rfc-panel review');
    const { pull_request: _, ...issue } = event.payload.issue;

    const mapped = jobsForEvent({ ...event, payload: { ...event.payload, issue } });

    expect(mapped).toEqual({ jobs: [], skipped: { level: 'debug', reason: 'ignored: comment on an issue, not a pull request' } });
  });

  it('ignores a command on a closed pull request', () => {
    const mapped = jobsForEvent(issueComment('/rfc-panel review', undefined, { state: 'closed' }));

    expect(mapped.skipped).toEqual({ level: 'debug', reason: 'ignored: pull request is not open' });
  });

  it('ignores a command that is not at the start of a line', () => {
    const mapped = jobsForEvent(issueComment('you can type /rfc-panel review to ask again'));

    expect(mapped).toEqual({ jobs: [], skipped: { level: 'debug', reason: 'ignored: comment is neither a command nor a response to findings' } });
  });
});

describe('replies in finding threads', () => {
  it('queues a reply job for an answer in a thread', () => {
    const mapped = jobsForEvent(reviewComment({}));

    expect(mapped).toEqual({
      jobs: [{ kind: 'reply', deliveryId: 'd3', ...pull, commentId: 66, inReplyTo: 60, author: 'alice', body: 'fixed' }],
      skipped: null,
    });
  });

  it('ignores a review comment that starts a thread', () => {
    const mapped = jobsForEvent(reviewComment({ in_reply_to_id: undefined }));

    expect(mapped.skipped).toEqual({ level: 'debug', reason: 'ignored: not a reply in a thread' });
  });

  it('never answers a bot, itself included', () => {
    const mapped = jobsForEvent(reviewComment({ user: { login: 'rfc-panel[bot]', type: 'Bot' } }));

    expect(mapped).toEqual({ jobs: [], skipped: { level: 'debug', reason: 'ignored: reply written by a bot' } });
  });

  it('ignores a reply on a closed pull request', () => {
    const mapped = jobsForEvent(reviewComment({}, 'closed'));

    expect(mapped.skipped).toEqual({ level: 'debug', reason: 'ignored: pull request is not open' });
  });
});

describe('check run buttons', () => {
  it("queues a forced review of the run's head for every pull request of a re-run", () => {
    const mapped = jobsForEvent(checkRun('rerequested'));

    expect(mapped.jobs).toEqual(
      [3, 4].map((n) => ({
        kind: 'review',
        deliveryId: `d4:${n}`,
        ...pull,
        pullNumber: n,
        headSha: 'def5678',
        trigger: 'rerequested',
        force: true,
        requestedBy: 'carol',
      })),
    );
  });

  it('asks for a full review from the Full re-review button', () => {
    const mapped = jobsForEvent(checkRun('requested_action', { pull_requests: [{ number: 3 }] }, { identifier: 'rereview-full' }));

    expect(mapped.jobs).toEqual([
      { kind: 'review', deliveryId: 'd4:3', ...pull, headSha: 'def5678', trigger: 'requested_action', force: true, requestedBy: 'carol', full: true },
    ]);
  });

  it('ignores a button it did not offer', () => {
    const mapped = jobsForEvent(checkRun('requested_action', {}, { identifier: 'deploy' }));

    expect(mapped).toEqual({ jobs: [], skipped: { level: 'debug', reason: 'ignored: unknown requested action' } });
  });

  it("ignores another app's check run", () => {
    const mapped = jobsForEvent(checkRun('rerequested', { name: 'ci' }));

    expect(mapped).toEqual({ jobs: [], skipped: { level: 'debug', reason: 'ignored: check run "ci" is not rfc-panel\'s' } });
  });

  it('says so when the check run belongs to no open pull request', () => {
    const mapped = jobsForEvent(checkRun('rerequested', { pull_requests: [] }));

    expect(mapped).toEqual({ jobs: [], skipped: { level: 'info', reason: 'ignored: the check run belongs to no open pull request' } });
  });
});

describe('other events', () => {
  it('ignores an event name it does not handle', () => {
    const mapped = jobsForEvent({ id: 'd9', name: 'push', payload: { ref: 'refs/heads/main' } });

    expect(mapped).toEqual({ jobs: [], skipped: { level: 'debug', reason: 'ignored: push is not an event rfc-panel acts on' } });
  });
});
