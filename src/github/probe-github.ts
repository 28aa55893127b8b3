import { lookup as dnsLookup } from 'node:dns/promises';
import { connect } from 'node:net';
import { describeNetworkError } from '../errors/describe-network-error.js';

export interface ProbeOptions {
  timeoutMs?: number;
  /** Injected in tests, which must not resolve real names. */
  lookup?: (host: string) => Promise<{ address: string }>;
}

/**
 * Can this process open a connection to the GitHub API host? DNS, then TCP, within `timeoutMs`
 * (default 5 s). Returns null when it can, or the failure named ("ENOTFOUND (DNS lookup failed…)").
 * No HTTP request and no credentials: it only answers "is the network path there", fast, so an
 * unreachable GitHub is reported in seconds instead of after the Octokit and queue retries.
 */
export async function probeGitHub(apiUrl: string, options: ProbeOptions = {}): Promise<string | null> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const url = new URL(apiUrl);
  const port = Number(url.port) || (url.protocol === 'http:' ? 80 : 443);
  const lookup = options.lookup ?? ((host: string) => dnsLookup(host));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT', host: url.hostname })), timeoutMs);
  });
  try {
    const attempt = (async () => {
      const { address } = await lookup(url.hostname).catch((error: unknown) => {
        throw Object.assign(error as Error, { hostname: url.hostname });
      });
      await new Promise<void>((resolve, reject) => {
        const socket = connect({ host: address, port });
        socket.once('connect', () => {
          socket.destroy();
          resolve();
        });
        socket.once('error', (error) => {
          socket.destroy();
          reject(Object.assign(error, { host: url.hostname }));
        });
        timeout.catch(() => socket.destroy());
      });
    })();
    await Promise.race([attempt, timeout]);
    return null;
  } catch (error) {
    return describeNetworkError(error) ?? (error as Error).message;
  } finally {
    clearTimeout(timer);
  }
}
