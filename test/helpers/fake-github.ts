import nock from 'nock';
import { FakeGitHub as FakeGitHubModel, type FakeGitHubOptions } from '../../bench/fake-github.js';

export { APP_ID, APP_SLUG, BOT_LOGIN, MAX_BODY_CHARS, wholeFilePatch } from '../../bench/fake-github.js';
export type {
  FakeAnswer,
  FakeCheckRun,
  FakeComment,
  FakeFile,
  FakeGitHubOptions,
  FakeReview,
  FakeReviewComment,
  FakeRoute,
  RecordedRequest,
} from '../../bench/fake-github.js';

/**
 * The shared fake GitHub (bench/fake-github.ts) behind nock. Routes are optional so a test that
 * never reaches one is not failed for it; any request outside these routes is still refused and
 * reported by nock.
 */
export class FakeGitHub extends FakeGitHubModel {
  constructor(options: FakeGitHubOptions = {}) {
    super(options);
    const scope = nock(this.host).persist();
    for (const route of this.routes) {
      scope
        .intercept(route.path, route.method)
        .optionally()
        .reply((uri, body) => {
          const answer = this.respond(route, uri, body);
          if (!Array.isArray(answer)) return Promise.reject(Object.assign(new Error(`fake GitHub: ${answer.error}`), { code: answer.error }));
          const [status, payload, headers] = answer;
          return [status, payload as nock.Body, headers ?? {}];
        });
    }
  }
}
