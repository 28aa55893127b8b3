import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGitHub, type FakeCheckRun } from './fake-github.js';

/**
 * The shared fake GitHub (fake-github.ts) over loopback HTTP, for the benches, the replay script and
 * running the bundled Action by hand. Every pull request number exists and shows the same plan
 * documents (one FakeGitHub per pull request, sharing ids and check runs). Each answer waits
 * `latencyMs` (writes `writeLatencyMs`) so reviews take real time.
 *
 * Paths are served with or without the GHES prefix (`/api/v3`, GraphQL at `/api/graphql` or `/graphql`).
 */
export interface FakeGitHubServerOptions {
  owner?: string;
  repo?: string;
  /** path → text of the plan documents every pull request changes (added files); `.github/rfc-panel.yml` is also the config. */
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
  /** Each pull request's fake, by number: its reviews, review comments and issue comments. */
  state: Map<number, FakeGitHub>;
  checkRuns: FakeCheckRun[];
  headShaOf(pull: number): string;
  close(): Promise<void>;
}

const CONFIG = '.github/rfc-panel.yml';

export async function startFakeGitHubServer(options: FakeGitHubServerOptions): Promise<FakeGitHubServer> {
  const headShaOf = (n: number): string => options.headSha ?? n.toString(16).padStart(40, 'c');
  const baseSha = options.baseSha ?? 'b'.repeat(40);
  const latency = options.latencyMs ?? 0;
  const writeLatency = options.writeLatencyMs ?? latency;
  const ids = { next: 1000 };
  const checkRuns: FakeCheckRun[] = [];
  const state = new Map<number, FakeGitHub>();
  const requests: FakeGitHubServer['requests'] = [];
  const make = (n: number): FakeGitHub => {
    // Writers are trusted here (a bench's commands are never refused); the test fake's default is `read`.
    const gh = new FakeGitHub({ owner: options.owner, repo: options.repo, appId: options.appId, appSlug: options.appSlug, defaultPermission: 'write', ids });
    gh.checkRuns = checkRuns;
    gh.pull.number = n;
    gh.pull.base.sha = baseSha;
    gh.updatedAt = new Date().toISOString();
    gh.config = options.files[CONFIG] ?? null;
    gh.push(headShaOf(n), options.files);
    return gh;
  };
  const pull = (n: number): FakeGitHub => state.get(n) ?? state.set(n, make(n)).get(n)!;
  // Requests that name no pull request (contents, check runs, the app) go to a fake of its own; check runs are shared.
  const anyPull = make(1);

  const pick = (method: string, path: string, query: URLSearchParams, body: any): FakeGitHub => {
    if (/\/contents\//.test(path)) {
      // Any ref shows the same documents (a pull request's head, its base, the default branch).
      const ref = query.get('ref') ?? 'HEAD';
      for (const [file, text] of Object.entries(options.files)) anyPull.contents.set(`${ref}:${file}`, text);
      return anyPull;
    }
    const n = /\/(?:pulls|issues)\/(\d+)(?:\/|$)/.exec(path)?.[1] ?? body?.variables?.number ?? body?.variables?.pullNumber;
    if (n !== undefined) return pull(Number(n));
    const comment = /\/issues\/comments\/(\d+)$/.exec(path)?.[1];
    if (method === 'PATCH' && comment) return [...state.values()].find((g) => g.issueComments.some((c) => c.id === Number(comment))) ?? anyPull;
    const thread = /T_(\d+)/.exec(String(body?.variables?.id ?? ''))?.[1];
    if (thread) return [...state.values()].find((g) => g.reviewComments.some((c) => c.id === Number(thread))) ?? anyPull;
    return anyPull;
  };

  const answer = (method: string, url: URL, text: string): [number, unknown, Record<string, string>] => {
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    const graphql = method === 'POST' && (url.pathname === '/api/graphql' || url.pathname === '/graphql');
    const uri = graphql ? '/graphql' : url.pathname.replace(/^\/api\/v3(?=\/)/, '') + url.search;
    // pulls.list: by head branch (the Action) nothing; otherwise every pull request seen so far, as open.
    if (method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/pulls(\?|$)/.test(uri)) {
      const open = url.searchParams.get('head') ? [] : (options.openPulls ?? [...state.keys()]);
      return [200, open.map((n) => pull(n).pullJson()), {}];
    }
    const gh = pick(method, uri, url.searchParams, body);
    const route = gh.routeFor(method, uri);
    if (!route) return [404, { message: `fake GitHub: no route for ${method} ${uri}` }, {}];
    const result = gh.respond(route, uri, body);
    return Array.isArray(result) ? [result[0], result[1], result[2] ?? {}] : [502, { message: `fake GitHub: ${result.error}` }, {}];
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const method = req.method ?? 'GET';
      const [status, payload, headers] = answer(method, url, Buffer.concat(chunks).toString('utf8'));
      requests.push({ method, path: url.pathname + url.search, status });
      const contentType = headers['content-type'] ?? 'application/json; charset=utf-8';
      setTimeout(
        () => {
          res.writeHead(status, { ...headers, 'content-type': contentType });
          res.end(typeof payload === 'string' && !contentType.startsWith('application/json') ? payload : JSON.stringify(payload));
        },
        method === 'GET' ? latency : writeLatency,
      );
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
