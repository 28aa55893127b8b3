import type { Logger } from 'pino';
import { probeGitHub } from '../github/probe-github.js';

/** How long a job may run before the app checks whether GitHub is reachable at all. */
const JOB_WATCHDOG_MS = 8000;

export interface GitHubWatch {
  /** Probes the network path to GitHub and logs a named failure (DNS, refused, timed out). */
  probe(context: string): Promise<void>;
  /** Runs `work`; if it is still waiting after 8 s, probes GitHub so a dead network shows now, by name. */
  watched(what: string, work: () => Promise<void>): Promise<void>;
}

/**
 * Octokit retries a failed connection for ~15 s and the queue retries the job after that: left
 * alone, an unreachable GitHub would first show minutes later as "HTTP 500". Probe instead.
 * `enabled: false` (tests) never opens a connection.
 */
export function watchGitHub(githubApi: string, log: Logger, enabled: boolean): GitHubWatch {
  const probe = async (context: string): Promise<void> => {
    const problem = await probeGitHub(githubApi, { timeoutMs: 1500 });
    if (problem) log.error({ githubApi, problem }, `GitHub is unreachable (${context}): ${problem} — calls are retried with backoff`);
  };
  const watched = async (what: string, work: () => Promise<void>): Promise<void> => {
    const watchdog = enabled ? setTimeout(() => void probe(`${what} waiting ${JOB_WATCHDOG_MS / 1000} s`), JOB_WATCHDOG_MS) : undefined;
    try {
      await work();
    } finally {
      clearTimeout(watchdog);
    }
  };
  return { probe, watched };
}
