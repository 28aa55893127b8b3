import type { ProbotOctokit } from 'probot';

export type Octokit = InstanceType<typeof ProbotOctokit>;

export interface PullRef {
  owner: string;
  repo: string;
  pullNumber: number;
}

/** How the app recognises what it wrote: its App id (REST `performed_via_github_app`) or its bot login. */
export interface BotIdentity {
  appId: number | null;
  login: string | null;
}
