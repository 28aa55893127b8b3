/**
 * What a failed connection means, in words, by the system error code anywhere in the error's cause
 * chain (fetch wraps it as `TypeError: fetch failed` with the real error as `cause`; Octokit then
 * re-wraps that as an "HTTP 500" RequestError, which is how a DNS failure used to be reported).
 */
const MEANINGS: Record<string, string> = {
  ENOTFOUND: 'DNS lookup failed: host not found',
  EAI_AGAIN: 'DNS lookup failed: temporary resolver error',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed while sending',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers before the timeout',
  UND_ERR_SOCKET: 'connection closed unexpectedly',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate is self-signed',
};

/** "ENOTFOUND (DNS lookup failed: host not found) api.github.com", or null when it is not a connection failure. */
export function describeNetworkError(error: unknown): string | null {
  let fetchFailed = false;
  const seen = new Set<unknown>();
  for (let e: unknown = error; e !== null && e !== undefined && typeof e === 'object' && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const { code, hostname, host, address, port, message, errors } = e as {
      code?: unknown;
      hostname?: unknown;
      host?: unknown;
      address?: unknown;
      port?: unknown;
      message?: unknown;
      errors?: unknown;
    };
    // Happy-eyeballs connects (IPv4 and IPv6) fail as an AggregateError of per-address errors.
    const inner = Array.isArray(errors) ? (errors as Array<{ code?: unknown }>).find((x) => typeof x?.code === 'string') : undefined;
    const found = typeof code === 'string' && MEANINGS[code] ? code : typeof inner?.code === 'string' && MEANINGS[inner.code] ? inner.code : null;
    if (found) {
      const where = [
        hostname ?? host ?? address ?? (inner as { address?: unknown } | undefined)?.address,
        port ?? (inner as { port?: unknown } | undefined)?.port,
      ]
        .filter((x) => x !== undefined && x !== null && x !== '')
        .join(':');
      return `${found} (${MEANINGS[found]})${where ? ` ${where}` : ''}`;
    }
    if (typeof message === 'string' && /^fetch failed$/i.test(message)) fetchFailed = true;
  }
  return fetchFailed ? 'fetch failed (no connection to the server)' : null;
}
