// A pull request held in memory behind the same gateway the jobs use on GitHub: orchestration tests
// run a job without HTTP and read what it wrote from plain arrays.
import { parseConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/schema.js';
import { isOwnComment } from '../../src/github/is-own-comment.js';
import type { CheckRunResult, CommentPlace, GitHubComment, PullFile, PullGateway, PullSnapshot } from '../../src/github/pull-gateway.js';
import type { BotIdentity, PullRef } from '../../src/github/types.js';
import type { Persona } from '../../src/personas/schema.js';
import type { ReviewRequest } from '../../src/publish/review-request.js';
import { isSummary, marker } from '../../src/github/markers.js';

export const MEMORY_BOT: BotIdentity = { appId: 4242, login: 'rfc-panel[bot]' };
const BOT_USER = { login: MEMORY_BOT.login, type: 'Bot' };

export interface MemoryCheckRun {
  id: number;
  headSha: string;
  status: 'in_progress' | 'completed';
  result: CheckRunResult | null;
}

export class MemoryGateway implements PullGateway {
  readonly pull: PullRef = { owner: 'acme', repo: 'plans', pullNumber: 7 };
  snapshot: PullSnapshot = {
    state: 'open',
    draft: false,
    author: 'alice',
    authorIsBot: false,
    headSha: 'h'.repeat(40),
    baseSha: 'b'.repeat(40),
    repoUrl: 'https://github.com/acme/plans',
  };
  config: Config = parseConfig({});
  personas: Persona[] = [];
  writers = new Set<string>();
  files: PullFile[] = [];
  /** `${ref}:${path}` → text. */
  contents = new Map<string, string>();
  issueComments: Array<GitHubComment & { body: string }> = [];
  reviewComments: Array<GitHubComment & { body: string }> = [];
  reviews: Array<Omit<ReviewRequest, 'pull'>> = [];
  checkRuns: MemoryCheckRun[] = [];
  private nextId = 100;

  /** A commit whose changed files are `files` (all new). */
  push(sha: string, files: Record<string, string>): void {
    this.snapshot = { ...this.snapshot, headSha: sha };
    this.files = Object.keys(files).map((filename) => ({
      filename,
      status: 'added',
      patch: `@@ -0,0 +1,${files[filename]!.split('\n').length} @@\n${files[filename]!.split('\n')
        .map((l) => `+${l}`)
        .join('\n')}`,
    }));
    for (const [path, text] of Object.entries(files)) this.contents.set(`${sha}:${path}`, text);
  }

  async getPull() {
    return this.snapshot;
  }
  async hasWriteAccess(login: string) {
    return this.writers.has(login);
  }
  async loadConfig() {
    return this.config;
  }
  async loadRepoPersonas() {
    return this.personas;
  }
  async listFiles() {
    return this.files;
  }
  async readFileAt(ref: string, path: string, { maxBytes }: { maxBytes: number }) {
    const text = this.contents.get(`${ref}:${path}`);
    if (text === undefined) return { missing: true as const };
    const bytes = Buffer.from(text, 'utf8');
    return bytes.length > maxBytes ? { tooLarge: bytes.length } : { bytes };
  }
  async listReviewComments() {
    return this.reviewComments;
  }
  async getReviewComment(id: number) {
    const found = this.reviewComments.find((c) => c.id === id);
    if (!found) throw Object.assign(new Error('Not Found'), { status: 404 });
    return found;
  }
  async findSummary(identity: BotIdentity) {
    const own = this.issueComments.find((c) => isOwnComment(c, identity) && isSummary(c.body));
    return own ? { id: own.id, body: own.body } : null;
  }
  async ensureSummary(identity: BotIdentity, body: string) {
    const full = body.includes(marker.summary) ? body : `${marker.summary}\n${body}`;
    const own = await this.findSummary(identity);
    if (own) this.issueComments.find((c) => c.id === own.id)!.body = full;
    else this.issueComments.push({ id: this.nextId++, body: full, user: BOT_USER });
  }
  async postComment(place: CommentPlace, body: string) {
    const list = place.kind === 'issue' ? this.issueComments : this.reviewComments;
    list.push({ id: this.nextId++, body, user: BOT_USER, ...(place.kind === 'reply' ? { in_reply_to_id: place.replyTo } : {}) });
  }
  async postOnce(place: CommentPlace, body: string, tag: string, identity: BotIdentity) {
    const list = place.kind === 'issue' ? this.issueComments : this.reviewComments;
    if (list.some((c) => isOwnComment(c, identity) && c.body.includes(tag))) return false;
    await this.postComment(place, body);
    return true;
  }
  async startCheck(headSha: string) {
    const open = this.checkRuns.find((r) => r.headSha === headSha && r.status !== 'completed');
    if (open) return { id: open.id };
    const run: MemoryCheckRun = { id: this.nextId++, headSha, status: 'in_progress', result: null };
    this.checkRuns.push(run);
    return { id: run.id };
  }
  async completeCheck(id: number, result: CheckRunResult) {
    Object.assign(this.checkRuns.find((r) => r.id === id)!, { status: 'completed', result });
  }
  async noteRetry() {}
  async createCompletedCheck(headSha: string, result: CheckRunResult) {
    this.checkRuns.push({ id: this.nextId++, headSha, status: 'completed', result });
  }
  async publishReview(request: Omit<ReviewRequest, 'pull'>) {
    this.reviews.push(request);
    const threads = new Map<string, number>();
    for (const c of request.inline) {
      const id = this.nextId++;
      this.reviewComments.push({ id, body: `${c.body}\n\n${marker.finding(c.findingId)}`, user: BOT_USER });
      threads.set(c.findingId, id);
    }
    return { status: 'created' as const, reviewId: this.nextId++, threads, demoted: [], body: request.renderBody(request.elsewhere) };
  }
  async syncThreads(wanted: Map<number, boolean>) {
    return { resolvable: true, threadIds: new Map([...wanted.keys()].map((root) => [root, `thread-${root}`])) };
  }
  async dismissChangeRequests() {
    return 0;
  }
}
