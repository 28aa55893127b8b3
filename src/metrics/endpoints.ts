import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

export interface Readiness {
  ready: boolean;
  /** Each dependency's state, e.g. { redis: 'ok' } or { redis: 'unreachable' }. */
  checks: Record<string, string>;
}

export interface EndpointOptions {
  registry: Registry;
  readiness: () => Promise<Readiness>;
}

/** A Node handler in Probot's `addHandler` shape: answers and returns true, or returns false to pass. */
export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/**
 * GET /healthz: the process answers (liveness; no dependency is checked, so a Redis outage does not
 * restart every replica). GET /readyz: 200 when every configured dependency answers, 503 otherwise.
 * GET /metrics: Prometheus text format.
 */
export function createEndpoints(options: EndpointOptions): HttpHandler {
  const json = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  };
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = (req.url ?? '/').split('?')[0];
    switch (path) {
      case '/healthz':
        json(res, 200, { status: 'ok' });
        return true;
      case '/readyz': {
        const r = await options.readiness().catch((): Readiness => ({ ready: false, checks: { readiness: 'error' } }));
        json(res, r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'not ready', checks: r.checks });
        return true;
      }
      case '/metrics': {
        const body = await options.registry.metrics();
        res.writeHead(200, { 'content-type': options.registry.contentType, 'cache-control': 'no-store' }).end(body);
        return true;
      }
      default:
        return false;
    }
  };
}
