// `npm run replay`: the app's handlers on a saved payload, against the loopback fake GitHub, with no
// credentials; it reports what the app would post.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { replayWebhook } from '../scripts/replay-webhook.js';
import { packageRoot } from '../src/package-root.js';
import { takeUnmatchedRequests } from './helpers/http-mock.js';

const root = packageRoot();
const payload = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'action', 'pull_request.opened.json'), 'utf8')) as unknown;
const plan = readFileSync(join(root, 'examples', 'webhook-delivery.md'), 'utf8');

describe('replaying a webhook payload', () => {
  it('runs the review against the fake GitHub and prints the check run, the review and the summary', async () => {
    // Act
    const { report, github } = await replayWebhook({
      event: 'pull_request',
      payload,
      documents: { 'docs/rfcs/webhook-delivery.md': plan },
      env: {},
      logLevel: 'silent',
    });
    await github.close();
    takeUnmatchedRequests(); // the app's requests went to the loopback fake, past nock

    // Assert
    expect(report).toMatch(/^CHECK RUN rfc-panel on ccccccc: completed \/ failure\n {2}\d+ finding\(s\) block the merge/m);
    expect(report).toMatch(/^REVIEW on #7 \(COMMENTED, \d+ inline comment\(s\)\)$/m);
    expect(report).toMatch(/^ {2}INLINE docs\/rfcs\/webhook-delivery\.md:\d+$/m);
    expect(report).toMatch(/^COMMENT on #7$/m);
    expect(github.requests.every((r) => r.status < 400 || r.path.includes('contents/.github'))).toBe(true);
  }, 30_000);

  it('says the app wrote nothing for an action it ignores', async () => {
    const closed = { ...(payload as object), action: 'closed' };

    const { report, github } = await replayWebhook({ event: 'pull_request', payload: closed, documents: {}, env: {}, logLevel: 'silent' });
    await github.close();
    takeUnmatchedRequests();

    expect(report).toContain('The app wrote nothing');
  });

  it('refuses a payload without a repository, naming the field', async () => {
    await expect(replayWebhook({ event: 'pull_request', payload: { action: 'opened' }, documents: {}, env: {} })).rejects.toThrow(
      /the payload lacks what a replay needs: repository: /,
    );
  });
});

describe('the README and npm scripts', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  it('opens with exactly two commands for a fresh clone: an npm ci that reviews an example, and the tests', () => {
    const first = /```sh\n([\s\S]*?)```/.exec(readme)?.[1]?.trim().split('\n');

    expect(first).toEqual(['npm ci && npx rfc-panel review examples/webhook-delivery.md', 'npm test']);
  });

  it('names only example files that exist, in the README and in npm run demo', () => {
    const named = [...`${readme}\n${scripts.demo}`.matchAll(/examples\/[\w.-]+\.md/g)].map((m) => m[0]);

    expect(named.length).toBeGreaterThan(0);
    expect(
      [...new Set(named)].filter((p) => {
        try {
          readFileSync(join(root, p));
          return false;
        } catch {
          return true;
        }
      }),
    ).toEqual([]);
  });
});
