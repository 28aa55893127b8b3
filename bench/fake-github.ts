import { createHash } from 'node:crypto';
import { commentableLines } from '../src/documents/commentable-lines.js';

/**
 * The one fake GitHub of the tests and the benches: a small stateful model of one pull request with
 * enough of the REST and GraphQL API for the app's review lifecycle, with GitHub's own rules where
 * the app depends on them (a review comment outside the diff fails the whole review with 422).
 * It knows no transport: the tests serve its routes through nock (test/helpers/fake-github.ts),
 * the benches and scripts over loopback HTTP (fake-github-server.ts, one instance per pull request).
 */

export const APP_ID = 4242;
export const APP_SLUG = 'rfc-panel';
export const BOT_LOGIN = `${APP_SLUG}[bot]`;
/** GitHub's limit on the body of an issue comment, a review and a review comment. */
export const MAX_BODY_CHARS = 65_536;

export interface FakeFile {
  filename: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  previous_filename?: string;
  /** Omit to make GitHub "too large to diff" (no patch). */
  patch?: string | null;
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: string };
  performed_via_github_app: { id: number } | null;
}

export interface FakeReviewComment extends FakeComment {
  path: string;
  line: number;
  start_line: number | null;
  pull_request_review_id: number | null;
  in_reply_to_id?: number;
}

export interface FakeReview {
  id: number;
  body: string;
  event: string;
  state: string;
  commit_id: string;
  user: { login: string; type: string };
}

export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: { title?: string; summary?: string; text?: string } | null;
  actions: unknown[];
  history: string[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

export interface FakeGitHubOptions {
  host?: string;
  /** Prefix for REST paths, e.g. /api/v3 for GitHub Enterprise Server. */
  restPrefix?: string;
  graphqlPath?: string;
  owner?: string;
  repo?: string;
  /** Who the app's writes are attributed to: defaults to the App (rfc-panel[bot], app 4242); the
   * GitHub Action's token writes as github-actions[bot] via the GitHub Actions app. */
  appId?: number;
  appSlug?: string;
  /** Permission of a user not in `permissions` (default `read`). */
  defaultPermission?: string;
  /** Ids shared with other instances (one per pull request behind one server), so ids stay unique. */
  ids?: { next: number };
}

export type FakeAnswer = [number, unknown] | [number, unknown, Record<string, string>];

export interface FakeRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  /** Matched against the path with its query string. */
  path: RegExp;
  handler: (uri: string, body: any, m: RegExpMatchArray) => FakeAnswer;
}

export class FakeGitHub {
  readonly owner: string;
  readonly repo: string;
  readonly host: string;
  readonly appId: number;
  readonly appSlug: string;
  readonly bot: { login: string; type: string };
  /** Owner of the head repository (a fork's owner for a pull request from a fork). */
  headOwner: string;
  readonly requests: RecordedRequest[] = [];
  pull = {
    number: 7,
    state: 'open',
    draft: false,
    user: { login: 'alice', type: 'User' },
    head: { sha: 'a'.repeat(40), ref: 'plan' },
    base: { sha: 'b'.repeat(40), ref: 'main' },
  };
  files: FakeFile[] = [];
  /** `${ref}:${path}` → file text; ref `HEAD` is the default branch. */
  contents = new Map<string, string | Buffer>();
  config: string | null = null;
  reviews: FakeReview[] = [];
  reviewComments: FakeReviewComment[] = [];
  issueComments: FakeComment[] = [];
  checkRuns: FakeCheckRun[] = [];
  resolvedThreads = new Set<number>();
  permissions = new Map<string, string>();
  /** Lines GitHub refuses in a review even though the patch shows them (to exercise the 422 path). */
  refuseLines = new Set<string>();
  canResolveThreads = true;
  /**
   * Answer the next N requests matching a pattern (against `METHOD /path?query`) with an error status.
   * `error` fails the connection instead (e.g. 'ECONNRESET'); `after` lets the request take effect
   * first and then loses the answer — a write GitHub made but the app never heard about.
   */
  faults: Array<{ match: RegExp; status: number; times: number; headers?: Record<string, string>; error?: string; after?: boolean }> = [];
  /** When the pull request last changed (pulls.list sorts and filters on it). */
  updatedAt = '2026-11-22T09:55:00Z';
  /** GitHub lists at most this many files of a pull request (GET …/pulls/{n}/files), 100 per page at most. */
  maxListedFiles = 3000;
  defaultPermission: string;
  /** Every route, in the order they are tried; a transport serves them. */
  readonly routes: FakeRoute[] = [];
  private readonly ids: { next: number };

  constructor(options: FakeGitHubOptions = {}) {
    this.owner = options.owner ?? 'acme';
    this.repo = options.repo ?? 'plans';
    this.host = options.host ?? 'https://api.github.com';
    this.appId = options.appId ?? APP_ID;
    this.appSlug = options.appSlug ?? APP_SLUG;
    this.bot = { login: `${this.appSlug}[bot]`, type: 'Bot' };
    this.headOwner = this.owner;
    this.defaultPermission = options.defaultPermission ?? 'read';
    this.ids = options.ids ?? { next: 1000 };
    this.install(options.restPrefix ?? '', options.graphqlPath ?? '/graphql');
  }

  /** The route that answers a request, if any (first match, as nock tries its interceptors). */
  routeFor(method: string, uri: string): FakeRoute | null {
    return this.routes.find((r) => r.method === method && r.path.test(uri)) ?? null;
  }

  /**
   * Answer one request on one route: recorded, then a fault when one matches (an error status, or a
   * connection `error`), else the route's answer — which an `after` fault may take effect and lose.
   */
  respond(route: FakeRoute, uri: string, rawBody: unknown): FakeAnswer | { error: string } {
    this.requests.push({ method: route.method, path: uri, body: rawBody });
    const before = this.fault(route.method, uri, false);
    if (before) return before;
    const m = uri.split('?')[0]!.match(route.path) ?? ([] as unknown as RegExpMatchArray);
    const [status, payload, headers] = route.handler(uri, typeof rawBody === 'string' && rawBody.length > 0 ? safeJson(rawBody) : rawBody, m);
    const lost = this.fault(route.method, uri, true);
    if (lost) return lost;
    return [status, payload, { 'content-type': 'application/json; charset=utf-8', ...(headers ?? {}) }];
  }

  private fault(method: string, uri: string, after: boolean): FakeAnswer | { error: string } | null {
    const f = this.faults.find((x) => x.times > 0 && (x.after ?? false) === after && x.match.test(`${method} ${uri}`));
    if (!f) return null;
    f.times--;
    if (f.error) return { error: f.error };
    return [
      f.status,
      { message: f.status === 403 ? 'You have exceeded a secondary rate limit' : f.status === 404 ? 'Not Found' : 'Server Error' },
      f.headers ?? {},
    ];
  }

  get htmlUrl(): string {
    return `https://github.com/${this.owner}/${this.repo}`;
  }

  /** Set the PR's head to new content: files and their text at the head SHA. */
  push(sha: string, files: Record<string, string>, base: Record<string, string> = {}): void {
    this.pull.head.sha = sha;
    this.files = [];
    for (const [path, text] of Object.entries(files)) {
      this.contents.set(`${sha}:${path}`, text);
      const before = base[path];
      if (before !== undefined) this.contents.set(`${this.pull.base.sha}:${path}`, before);
      this.files.push({ filename: path, status: before === undefined ? 'added' : 'modified', patch: wholeFilePatch(text, before) });
    }
  }

  count(method: string, pattern: RegExp): number {
    return this.requests.filter((r) => r.method === method && pattern.test(r.path)).length;
  }

  private id(): number {
    return this.ids.next++;
  }

  private install(prefix: string, graphqlPath: string): void {
    const o = this.owner;
    const r = this.repo;
    const repoPath = `${prefix}/repos/${o}/${r}`;
    const route = (method: 'get' | 'post' | 'patch' | 'delete' | 'put', path: RegExp, handler: FakeRoute['handler']) => {
      this.routes.push({ method: method.toUpperCase() as FakeRoute['method'], path, handler });
    };
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // GitHub refuses a comment, review or reply body over 65,536 characters.
    const tooLong = (...bodies: Array<string | undefined>): [number, unknown] | null =>
      bodies.some((b) => (b ?? '').length > MAX_BODY_CHARS)
        ? [
            422,
            {
              message: 'Validation Failed',
              errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: `body is too long (maximum is ${MAX_BODY_CHARS} characters)` }],
            },
          ]
        : null;
    const R = (tail: string) => new RegExp(`^${esc(repoPath)}${tail}(\\?.*)?$`);

    route('post', new RegExp(`^${esc(prefix)}/app/installations/\\d+/access_tokens$`), () => [
      201,
      { token: 'ghs_faketoken000000000000000000000000', expires_at: '2099-01-01T00:00:00Z', permissions: {} },
    ]);
    route('get', new RegExp(`^${esc(prefix)}/app$`), () => [200, { id: this.appId, slug: this.appSlug, name: this.appSlug }]);
    // The app's one installation and its one repository (the start-up scan for open check runs).
    route('get', new RegExp(`^${esc(prefix)}/app/installations(\\?.*)?$`), () => [
      200,
      [{ id: 1, account: { login: this.owner, type: 'Organization' }, app_id: this.appId }],
    ]);
    route('get', new RegExp(`^${esc(prefix)}/installation/repositories(\\?.*)?$`), () => [
      200,
      { total_count: 1, repositories: [{ id: 1, name: this.repo, full_name: `${this.owner}/${this.repo}`, owner: { login: this.owner } }] },
    ]);
    route('get', R(`/pulls/(\\d+)`), () => [200, this.pullJson()]);
    route('get', R(`/pulls`), (uri) => {
      // pulls.list: the one open pull request, filtered by `head=owner:branch` as GitHub does.
      const head = new URL(`http://x${uri}`).searchParams.get('head');
      const match = this.pull.state === 'open' && (head === null || head === `${this.headOwner}:${this.pull.head.ref}`);
      return [200, match ? [this.pullJson()] : []];
    });
    route('get', R(`/pulls/(\\d+)/files`), (uri) => {
      // Paged as GitHub pages it: per_page (default 30, at most 100), page, a Link header, and no more than maxListedFiles in all.
      const query = new URL(`http://x${uri}`).searchParams;
      const perPage = Math.min(100, Number(query.get('per_page') ?? 30));
      const page = Math.max(1, Number(query.get('page') ?? 1));
      const listed = this.files.slice(0, this.maxListedFiles);
      const last = Math.max(1, Math.ceil(listed.length / perPage));
      const url = (n: number) => `${this.host}${repoPath}/pulls/${this.pull.number}/files?per_page=${perPage}&page=${n}`;
      const links: Record<string, string> = page < last ? { link: `<${url(page + 1)}>; rel="next", <${url(last)}>; rel="last"` } : {};
      const files = listed
        .slice((page - 1) * perPage, page * perPage)
        .map((f) => ({ sha: '0'.repeat(40), additions: 1, deletions: 0, changes: 1, ...f, patch: f.patch ?? undefined }));
      return [200, files, links];
    });
    route('get', new RegExp(`^${esc(prefix)}/repos/${esc(o)}/([^/]+)/contents/(.+?)(\\?.*)?$`), (uri, _b, m) => {
      const repoName = m[1]!;
      const path = decodeURIComponent(m[2]!);
      const ref = new URL(`http://x${uri}`).searchParams.get('ref') ?? 'HEAD';
      if (repoName !== r) return [404, { message: 'Not Found' }];
      if (path === '.github/rfc-panel.yml')
        return this.config === null ? [404, { message: 'Not Found' }] : [200, this.config, { 'content-type': 'text/plain; charset=utf-8' }];
      const dir = [...this.contents.keys()].filter((k) => k.startsWith(`${ref}:${path}/`));
      if (dir.length > 0) {
        // Each entry carries its blob SHA, as GitHub's listing does (content-addressed: it changes with the text).
        return [
          200,
          dir.map((k) => ({
            type: 'file',
            name: k.slice(k.lastIndexOf('/') + 1),
            path: k.slice(ref.length + 1),
            sha: createHash('sha1').update(this.contents.get(k)!).digest('hex'),
          })),
        ];
      }
      const text = this.contents.get(`${ref}:${path}`);
      if (text === undefined) return [404, { message: 'Not Found' }];
      // What GitHub sends for `application/vnd.github.raw`, text or binary alike (see octokit/request.js#751).
      return [200, text, { 'content-type': 'application/vnd.github.raw; charset=utf-8' }];
    });

    route('get', R(`/commits/([^/]+)/check-runs`), (_u, _b, m) => {
      const runs = this.checkRuns.filter((c) => c.head_sha === m[1]).reverse();
      return [200, { total_count: runs.length, check_runs: runs.map((c) => this.checkJson(c)) }];
    });
    route('post', R(`/check-runs`), (_u, body) => {
      const run: FakeCheckRun = {
        id: this.id(),
        name: body.name,
        head_sha: body.head_sha,
        status: body.status ?? 'queued',
        conclusion: body.conclusion ?? null,
        output: body.output ?? null,
        actions: body.actions ?? [],
        history: [body.status ?? 'queued'],
      };
      this.checkRuns.push(run);
      return [201, this.checkJson(run)];
    });
    route('patch', R(`/check-runs/(\\d+)`), (_u, body, m) => {
      const run = this.checkRuns.find((c) => c.id === Number(m[1]));
      if (!run) return [404, { message: 'Not Found' }];
      if (body.status) run.history.push(body.status);
      Object.assign(run, {
        status: body.status ?? run.status,
        conclusion: body.conclusion ?? run.conclusion,
        output: body.output ?? run.output,
        actions: body.actions ?? run.actions,
      });
      return [200, this.checkJson(run)];
    });

    route('get', R(`/pulls/(\\d+)/reviews`), () => [200, this.reviews.map((v) => ({ ...v, performed_via_github_app: undefined }))]);
    route('post', R(`/pulls/(\\d+)/reviews`), (_u, body) => {
      if (body.event === 'APPROVE') throw new Error('the app must never approve');
      const refused = tooLong(body.body, ...((body.comments ?? []) as Array<{ body: string }>).map((c) => c.body));
      if (refused) return refused;
      const comments: Array<{ path: string; line: number; start_line?: number; body: string }> = body.comments ?? [];
      for (const c of comments) {
        const file = this.files.find((f) => f.filename === c.path);
        const lines = file?.patch ? commentableLines(file.patch) : new Set<number>();
        const bad = !lines.has(c.line) || (c.start_line !== undefined && !lines.has(c.start_line)) || this.refuseLines.has(`${c.path}:${c.line}`);
        if (bad) return [422, { message: 'Unprocessable Entity', errors: ['Pull request review thread line must be part of the diff'] }];
      }
      const review: FakeReview = {
        id: this.id(),
        body: body.body ?? '',
        event: body.event ?? 'PENDING',
        state: body.event ? (body.event === 'COMMENT' ? 'COMMENTED' : 'CHANGES_REQUESTED') : 'PENDING',
        commit_id: body.commit_id,
        user: this.bot,
      };
      this.reviews.push(review);
      for (const c of comments) {
        this.reviewComments.push({
          id: this.id(),
          body: c.body,
          path: c.path,
          line: c.line,
          start_line: c.start_line ?? null,
          pull_request_review_id: review.id,
          user: this.bot,
          performed_via_github_app: { id: this.appId },
        });
      }
      return [200, review];
    });
    route('put', R(`/pulls/(\\d+)/reviews/(\\d+)/dismissals`), (_u, _b, m) => {
      const review = this.reviews.find((v) => v.id === Number(m[2]));
      if (!review) return [404, { message: 'Not Found' }];
      review.state = 'DISMISSED';
      return [200, review];
    });
    route('delete', R(`/pulls/(\\d+)/reviews/(\\d+)`), (_u, _b, m) => {
      const id = Number(m[2]);
      const review = this.reviews.find((v) => v.id === id);
      if (review?.state !== 'PENDING') return [422, { message: 'Can not delete a non-pending review' }];
      this.reviews = this.reviews.filter((v) => v.id !== id);
      this.reviewComments = this.reviewComments.filter((c) => c.pull_request_review_id !== id);
      return [200, review];
    });
    route('get', R(`/pulls/(\\d+)/reviews/(\\d+)/comments`), (_u, _b, m) => [
      200,
      this.reviewComments.filter((c) => c.pull_request_review_id === Number(m[2])),
    ]);
    route('get', R(`/pulls/(\\d+)/comments`), () => [200, this.reviewComments]);
    route('get', R(`/pulls/comments/(\\d+)`), (_u, _b, m) => {
      const c = this.reviewComments.find((x) => x.id === Number(m[1]));
      return c ? [200, c] : [404, { message: 'Not Found' }];
    });
    route('post', R(`/pulls/(\\d+)/comments/(\\d+)/replies`), (_u, body, m) => {
      const refused = tooLong(body.body);
      if (refused) return refused;
      const parent = this.reviewComments.find((x) => x.id === Number(m[2]));
      if (!parent) return [404, { message: 'Not Found' }];
      const reply: FakeReviewComment = {
        id: this.id(),
        body: body.body,
        path: parent.path,
        line: parent.line,
        start_line: null,
        pull_request_review_id: null,
        in_reply_to_id: parent.id,
        user: this.bot,
        performed_via_github_app: { id: this.appId },
      };
      this.reviewComments.push(reply);
      return [201, reply];
    });

    route('get', R(`/issues/(\\d+)/comments`), () => [200, this.issueComments]);
    route('post', R(`/issues/(\\d+)/comments`), (_u, body) => {
      const refused = tooLong(body.body);
      if (refused) return refused;
      const c: FakeComment = { id: this.id(), body: body.body, user: this.bot, performed_via_github_app: { id: this.appId } };
      this.issueComments.push(c);
      return [201, c];
    });
    route('patch', R(`/issues/comments/(\\d+)`), (_u, body, m) => {
      const refused = tooLong(body.body);
      if (refused) return refused;
      const c = this.issueComments.find((x) => x.id === Number(m[1]));
      if (!c) return [404, { message: 'Not Found' }];
      c.body = body.body;
      return [200, c];
    });
    route('get', R(`/collaborators/([^/]+)/permission`), (_u, _b, m) => {
      const level = this.permissions.get(decodeURIComponent(m[1]!)) ?? this.defaultPermission;
      return [200, { permission: level, role_name: level, user: { login: m[1] } }];
    });

    route('post', new RegExp(`^${esc(graphqlPath)}$`), (_u, body) => this.graphql(body));
  }

  private graphql(body: { query: string; variables?: Record<string, unknown> }): [number, unknown] {
    if (/reviewThreads/.test(body.query)) {
      const roots = this.reviewComments.filter((c) => c.in_reply_to_id === undefined && c.pull_request_review_id !== null);
      const nodes = roots.map((c) => ({
        id: `T_${c.id}`,
        isResolved: this.resolvedThreads.has(c.id),
        comments: { nodes: [{ fullDatabaseId: String(c.id) }] },
      }));
      return [200, { data: { repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } } } } }];
    }
    const m = /(resolveReviewThread|unresolveReviewThread)/.exec(body.query);
    if (m) {
      if (!this.canResolveThreads) return [200, { data: null, errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }] }];
      const id = Number(String(body.variables?.id ?? '').replace('T_', ''));
      if (m[1] === 'resolveReviewThread') this.resolvedThreads.add(id);
      else this.resolvedThreads.delete(id);
      return [200, { data: { [m[1]!]: { thread: { id: `T_${id}`, isResolved: m[1] === 'resolveReviewThread' } } } }];
    }
    return [200, { data: null, errors: [{ message: 'fake GitHub: unsupported query' }] }];
  }

  /** The pull request as the REST API shows it. */
  pullJson() {
    return {
      ...this.pull,
      id: 1,
      node_id: 'PR_1',
      html_url: `${this.htmlUrl}/pull/${this.pull.number}`,
      updated_at: this.updatedAt,
      base: { ...this.pull.base, repo: { name: this.repo, full_name: `${this.owner}/${this.repo}`, html_url: this.htmlUrl, owner: { login: this.owner } } },
      head: { ...this.pull.head, repo: { name: this.repo, full_name: `${this.owner}/${this.repo}`, html_url: this.htmlUrl, owner: { login: this.owner } } },
    };
  }

  private checkJson(c: FakeCheckRun) {
    return {
      id: c.id,
      name: c.name,
      head_sha: c.head_sha,
      status: c.status,
      conclusion: c.conclusion,
      output: c.output,
      app: { id: this.appId, slug: this.appSlug },
      pull_requests: [],
    };
  }

  /** Threads as a reader sees them: the root comment, its replies, and whether it is resolved. */
  thread(rootId: number): { root: FakeReviewComment; replies: string[]; resolved: boolean } {
    const root = this.reviewComments.find((c) => c.id === rootId)!;
    return { root, replies: this.reviewComments.filter((c) => c.in_reply_to_id === rootId).map((c) => c.body), resolved: this.resolvedThreads.has(rootId) };
  }

  /** A human (or another bot) writes in a finding's thread. */
  humanReply(rootId: number, login: string, body: string): FakeReviewComment {
    const root = this.reviewComments.find((c) => c.id === rootId)!;
    const reply: FakeReviewComment = {
      id: this.id(),
      body,
      path: root.path,
      line: root.line,
      start_line: null,
      pull_request_review_id: null,
      in_reply_to_id: rootId,
      user: { login, type: 'User' },
      performed_via_github_app: null,
    };
    this.reviewComments.push(reply);
    return reply;
  }

  humanIssueComment(login: string, body: string): FakeComment {
    const c: FakeComment = { id: this.id(), body, user: { login, type: 'User' }, performed_via_github_app: null };
    this.issueComments.push(c);
    return c;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A patch that shows the whole new file as added, or as context plus changes when there is a base. */
export function wholeFilePatch(text: string, before?: string): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  if (before === undefined) return [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`)].join('\n');
  const old = before.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  return [`@@ -1,${old.length} +1,${lines.length} @@`, ...old.map((l) => `-${l}`), ...lines.map((l) => `+${l}`)].join('\n');
}
