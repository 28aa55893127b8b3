import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for the parts of GitHub's REST and GraphQL API a review uses, for the ack
 * bench and for running the bundled Action by hand. Every pull request number exists and shows
 * the same plan documents; state (check runs, reviews, comments) is kept per pull request. Each
 * answer waits `latencyMs` (writes `writeLatencyMs`) so reviews take real time.
 *
 * Paths are served with or without the GHES prefix (`/api/v3`, GraphQL at `/api/graphql` or `/graphql`).
 */
export interface FakeGitHubServerOptions {
  owner?: string;
  repo?: string;
  /** path → text of the plan documents every pull request changes (added files). */
  files: Record<string, string>;
  /** The head of every pull request; by default each pull request has its own (its number in hex, padded). */
  headSha?: string;
  baseSha?: string;
  latencyMs?: number;
  writeLatencyMs?: number;
  /** Who writes: the App (`rfc-panel`, 4242) or the Action's token (`github-actions`, 15368). */
  appSlug?: string;
  appId?: number;
  /** What `pulls.list` (without `head`) answers: these pull numbers, open; by default those seen so far. */
  openPulls?: number[];
}

export interface FakeGitHubServer {
  /** e.g. http://127.0.0.1:PORT/api/v3 (REST base URL, as Octokit's baseUrl). */
  restUrl: string;
  origin: string;
  requests: Array<{ method: string; path: string; status: number }>;
  state: Map<number, PullState>;
  checkRuns: CheckRun[];
  headShaOf(pull: number): string;
  close(): Promise<void>;
}

interface Comment {
  id: number;
  body: string;
  user: { login: string; type: string };
  performed_via_github_app: { id: number } | null;
}

interface ReviewComment extends Comment {
  path: string;
  line: number;
  pull_request_review_id: number | null;
  in_reply_to_id?: number;
}

interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: unknown;
}

interface PullState {
  reviews: Array<{ id: number; body: string; state: string; commit_id: string; user: { login: string; type: string } }>;
  reviewComments: ReviewComment[];
  issueComments: Comment[];
}

export async function startFakeGitHubServer(options: FakeGitHubServerOptions): Promise<FakeGitHubServer> {
  const owner = options.owner ?? 'acme';
  const repo = options.repo ?? 'plans';
  const headShaOf = (n: number): string => options.headSha ?? n.toString(16).padStart(40, 'c');
  const baseSha = options.baseSha ?? 'b'.repeat(40);
  const latency = options.latencyMs ?? 0;
  const writeLatency = options.writeLatencyMs ?? latency;
  const appId = options.appId ?? 4242;
  const appSlug = options.appSlug ?? 'rfc-panel';
  const bot = { login: `${appSlug}[bot]`, type: 'Bot' };
  const requests: FakeGitHubServer['requests'] = [];
  const state = new Map<number, PullState>();
  const checkRuns: CheckRun[] = [];
  let nextId = 1000;
  const id = (): number => nextId++;
  const pullState = (n: number): PullState => {
    let s = state.get(n);
    if (!s) state.set(n, (s = { reviews: [], reviewComments: [], issueComments: [] }));
    return s;
  };
  const htmlUrl = `https://github.com/${owner}/${repo}`;
  const repoJson = { id: 1, name: repo, full_name: `${owner}/${repo}`, html_url: htmlUrl, owner: { login: owner, type: 'Organization' } };
  const pullJson = (n: number) => ({
    id: n, node_id: `PR_${n}`, number: n, state: 'open', draft: false, html_url: `${htmlUrl}/pull/${n}`, updated_at: new Date().toISOString(),
    user: { login: 'alice', type: 'User' },
    head: { sha: headShaOf(n), ref: 'plan', repo: repoJson },
    base: { sha: baseSha, ref: 'main', repo: repoJson },
  });
  const patchOf = (text: string): string => {
    const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
    return [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`)].join('\n');
  };
  const files = Object.entries(options.files).map(([filename, text]) => ({ sha: '0'.repeat(40), filename, status: 'added', additions: 1, deletions: 0, changes: 1, patch: patchOf(text) }));

  type Answer = [number, unknown] | [number, unknown, string];
  const rest = (method: string, path: string, query: URLSearchParams, body: any): Answer => {
    const r = `/repos/${owner}/${repo}`;
    let m: RegExpMatchArray | null;
    if (method === 'POST' && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) return [201, { token: 'ghs_benchtoken000000000000000000000000', expires_at: '2099-01-01T00:00:00Z', permissions: {} }];
    if (method === 'GET' && path === '/app') return [200, { id: appId, slug: appSlug, name: appSlug }];
    // One installation with one repository (the app's start-up scan for check runs a dead process left open).
    if (method === 'GET' && path === '/app/installations') return [200, [{ id: 1, account: { login: owner, type: 'Organization' }, app_id: appId }]];
    if (method === 'GET' && path === '/installation/repositories') return [200, { total_count: 1, repositories: [repoJson] }];
    if (method === 'GET' && (m = path.match(/^\/repos\/[^/]+\/[^/]+\/contents\/(.+)$/))) {
      const file = decodeURIComponent(m[1]!);
      const text = path.startsWith(`${r}/`) ? options.files[file] : undefined;
      return text === undefined ? [404, { message: 'Not Found' }] : [200, text, 'text/plain; charset=utf-8'];
    }
    if (!path.startsWith(`${r}/`)) return [404, { message: 'Not Found' }];
    const tail = path.slice(r.length);
    // pulls.list: by head branch (the Action) nothing; otherwise every pull request seen so far, as open.
    if (method === 'GET' && tail === '/pulls') return [200, query.get('head') ? [] : (options.openPulls ?? [...state.keys()]).map(pullJson)];
    if (method === 'GET' && (m = tail.match(/^\/pulls\/(\d+)$/))) return [200, pullJson(Number(m[1]))];
    if (method === 'GET' && /^\/pulls\/\d+\/files$/.test(tail)) return [200, query.get('page') && query.get('page') !== '1' ? [] : files];
    if (method === 'GET' && (m = tail.match(/^\/commits\/([^/]+)\/check-runs$/))) {
      const runs = checkRuns.filter((c) => c.head_sha === m![1] && c.name === (query.get('check_name') ?? c.name)).reverse();
      return [200, { total_count: runs.length, check_runs: runs.map((c) => ({ ...c, app: { id: appId, slug: appSlug }, pull_requests: [] })) }];
    }
    if (method === 'POST' && tail === '/check-runs') {
      const run: CheckRun = { id: id(), name: body.name, head_sha: body.head_sha, status: body.status ?? 'queued', conclusion: body.conclusion ?? null, output: body.output ?? null };
      checkRuns.push(run);
      return [201, { ...run, app: { id: appId, slug: appSlug }, pull_requests: [] }];
    }
    if (method === 'PATCH' && (m = tail.match(/^\/check-runs\/(\d+)$/))) {
      const runId = Number(m[1]);
      const run = checkRuns.find((c) => c.id === runId);
      if (!run) return [404, { message: 'Not Found' }];
      Object.assign(run, { status: body.status ?? run.status, conclusion: body.conclusion ?? run.conclusion, output: body.output ?? run.output });
      return [200, { ...run, app: { id: appId, slug: appSlug }, pull_requests: [] }];
    }
    if ((m = tail.match(/^\/pulls\/(\d+)\/reviews$/))) {
      const s = pullState(Number(m[1]));
      if (method === 'GET') return [200, s.reviews];
      const review = { id: id(), body: body.body ?? '', state: body.event === 'REQUEST_CHANGES' ? 'CHANGES_REQUESTED' : 'COMMENTED', commit_id: body.commit_id, user: bot };
      s.reviews.push(review);
      for (const c of (body.comments ?? []) as Array<{ path: string; line: number; body: string }>) {
        s.reviewComments.push({ id: id(), body: c.body, path: c.path, line: c.line, pull_request_review_id: review.id, user: bot, performed_via_github_app: { id: appId } });
      }
      return [200, review];
    }
    if (method === 'GET' && (m = tail.match(/^\/pulls\/(\d+)\/reviews\/(\d+)\/comments$/))) return [200, pullState(Number(m[1])).reviewComments.filter((c) => c.pull_request_review_id === Number(m![2]))];
    if (method === 'GET' && (m = tail.match(/^\/pulls\/(\d+)\/comments$/))) return [200, pullState(Number(m[1])).reviewComments];
    if ((m = tail.match(/^\/issues\/(\d+)\/comments$/))) {
      const s = pullState(Number(m[1]));
      if (method === 'GET') return [200, s.issueComments];
      const c: Comment = { id: id(), body: body.body, user: bot, performed_via_github_app: { id: appId } };
      s.issueComments.push(c);
      return [201, c];
    }
    if (method === 'PATCH' && (m = tail.match(/^\/issues\/comments\/(\d+)$/))) {
      const c = [...state.values()].flatMap((s) => s.issueComments).find((x) => x.id === Number(m![1]));
      if (!c) return [404, { message: 'Not Found' }];
      c.body = body.body;
      return [200, c];
    }
    if (method === 'GET' && (m = tail.match(/^\/collaborators\/([^/]+)\/permission$/))) return [200, { permission: 'write', role_name: 'write', user: { login: m[1] } }];
    return [404, { message: `fake GitHub: no route for ${method} ${path}` }];
  };

  const graphql = (body: any): Answer => {
    if (/reviewThreads/.test(body?.query ?? '')) {
      const n = Number(body.variables?.number ?? body.variables?.pullNumber ?? 0);
      const s = pullState(n);
      const nodes = s.reviewComments.filter((c) => c.in_reply_to_id === undefined && c.pull_request_review_id !== null).map((c) => ({ id: `T_${c.id}`, isResolved: false, comments: { nodes: [{ fullDatabaseId: String(c.id) }] } }));
      return [200, { data: { repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } } } } }];
    }
    return [200, { data: null, errors: [{ message: 'fake GitHub: unsupported query' }] }];
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const method = req.method ?? 'GET';
      const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      const isGraphql = method === 'POST' && (url.pathname === '/api/graphql' || url.pathname === '/graphql');
      const [status, payload, extra] = isGraphql ? graphql(body) : rest(method, path, url.searchParams, body);
      requests.push({ method, path: url.pathname + url.search, status });
      const contentType = typeof extra === 'string' ? extra : 'application/json; charset=utf-8';
      const wait = method === 'GET' ? latency : writeLatency;
      setTimeout(() => {
        res.writeHead(status, { 'content-type': contentType });
        res.end(typeof payload === 'string' && !contentType.startsWith('application/json') ? payload : JSON.stringify(payload));
      }, wait);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    restUrl: `${origin}/api/v3`,
    origin,
    requests,
    state,
    checkRuns,
    headShaOf,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
