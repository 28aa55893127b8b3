import picomatch from 'picomatch';
import { decodeDocument } from './read-input-file.js';
import type { Config } from '../config/schema.js';
import { InputError } from '../errors/errors.js';
import { callGitHub } from '../github/call-github.js';
import type { Octokit, PullRef } from '../github/types.js';
import { prepareDocumentOffThread } from './prepare-document-off-thread.js';
import type { PlanDocument } from './schema.js';

export interface PullDocument {
  path: string;
  /** The file's name at the base when it was renamed in this PR. */
  previousPath: string | null;
  status: string;
  doc: PlanDocument;
  /** Text at the base, for modified and renamed files; null for new files. */
  baseText: string | null;
  /** Head lines a review comment may sit on. */
  commentable: Set<number>;
}

export interface FetchedDocuments {
  documents: PullDocument[];
  /** Matching files not reviewed, with why (too large, binary, not UTF-8). */
  skipped: Array<{ path: string; reason: string }>;
  /** Files in the PR, to say in the summary when GitHub's 3000-file listing limit was hit. */
  filesListed: number;
  /** Every path the PR touches now (new names and, for renames, old ones). */
  listedPaths: Set<string>;
  /** Paths the PR deletes. */
  removed: string[];
}

interface PullFile {
  filename: string;
  status: string;
  previous_filename?: string;
  patch?: string;
}

/** The plan documents a PR changes, at its head (and base), with the lines its diff lets us comment on. */
export async function fetchPullDocuments(
  octokit: Octokit,
  pull: PullRef & { headSha: string; baseSha: string },
  config: Pick<Config, 'paths' | 'ignore' | 'budgets'>,
): Promise<FetchedDocuments> {
  const { owner, repo, pullNumber } = pull;
  const files = (await callGitHub('listing the pull request files', () =>
    octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: pullNumber, per_page: 100 }),
  )) as PullFile[];
  // Extglobs off and names with an absurd segment never matched: together with the wildcard cap in the
  // config schema, this bounds the cost of matching one file name (see MAX_SEGMENT_WILDCARDS).
  const wanted = picomatch(config.paths, { dot: true, nocase: false, noextglob: true });
  const ignored = config.ignore.length > 0 ? picomatch(config.ignore, { dot: true, noextglob: true }) : () => false;
  const sane = (name: string): boolean => name.length <= 4096 && name.split('/').every((segment) => segment.length <= 255);
  const candidates = files.filter((f) => f.status !== 'removed' && sane(f.filename) && wanted(f.filename) && !ignored(f.filename));
  const matching = candidates.slice(0, config.budgets.maxFiles);

  const documents: PullDocument[] = [];
  const skipped: Array<{ path: string; reason: string }> = [];
  // Documents over the budget are named once, not one note each: a PR of thousands must not flood the summary.
  const over = candidates.slice(config.budgets.maxFiles);
  if (over.length > 0) skipped.push({ path: over.length === 1 ? over[0]!.filename : `${over[0]!.filename} and ${over.length - 1} more document(s)`, reason: `over the limit of ${config.budgets.maxFiles} documents per review (budgets.maxFiles)` });
  for (const file of matching) {
    const head = await readBlob(octokit, owner, repo, file.filename, pull.headSha, config.budgets.maxDocumentBytes);
    if ('skip' in head) {
      skipped.push({ path: file.filename, reason: head.skip });
      continue;
    }
    const previousPath = file.status === 'renamed' ? file.previous_filename ?? null : null;
    let baseText: string | null = null;
    if (file.status === 'modified' || file.status === 'renamed' || file.status === 'changed') {
      const base = await readBlob(octokit, owner, repo, previousPath ?? file.filename, pull.baseSha, config.budgets.maxDocumentBytes);
      baseText = 'text' in base ? base.text : null;
    }
    let prepared;
    try {
      prepared = await prepareDocumentOffThread(file.filename, head.text, baseText, file.patch ?? null);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      skipped.push({ path: file.filename, reason: error.message.replace(`${file.filename}: `, '') });
      continue;
    }
    documents.push({ path: file.filename, previousPath, status: file.status, doc: prepared.doc, baseText, commentable: prepared.commentable });
  }
  const listedPaths = new Set(files.flatMap((f) => [f.filename, ...(f.previous_filename ? [f.previous_filename] : [])]));
  const removed = files.filter((f) => f.status === 'removed').map((f) => f.filename);
  return { documents, skipped, filesListed: files.length, listedPaths, removed };
}

async function readBlob(octokit: Octokit, owner: string, repo: string, path: string, ref: string, maxBytes: number): Promise<{ text: string } | { skip: string }> {
  let bytes: Buffer;
  try {
    bytes = await callGitHub(`reading ${path}`, () => readRawContent(octokit, { owner, repo, path, ref }));
  } catch (error) {
    // Gone since the listing (a force-push, a deleted branch): this document is skipped, the others are still reviewed.
    if ((error as { status?: number | null }).status === 404) return { skip: `it could not be read at ${ref.slice(0, 7)} (HTTP 404: removed or force-pushed away during the review)` };
    throw error;
  }
  if (bytes.length > maxBytes) {
    // Just over the limit rounds to the limit itself in MB ("5.0 MB is over the 5.0 MB limit"): then say it in bytes.
    const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
    const [size, limit] = mb(bytes.length) === mb(maxBytes) ? [`${bytes.length.toLocaleString('en')} bytes`, `${maxBytes.toLocaleString('en')}-byte`] : [`${mb(bytes.length)} MB`, `${mb(maxBytes)} MB`];
    return { skip: `${size} is over the ${limit} limit for one document (budgets.maxDocumentBytes)` };
  }
  try {
    return { text: decodeDocument(path, bytes) };
  } catch (error) {
    if (error instanceof InputError) return { skip: error.message.replace(`${path}: `, '') };
    throw error;
  }
}

/**
 * A file's exact bytes. GitHub labels raw content `charset=utf-8` whatever it holds, and Octokit then
 * decodes it as text, turning invalid UTF-8 (Latin-1, binary) into U+FFFD: a Latin-1 plan would be
 * reviewed mangled instead of refused. Reading the unparsed body keeps the bytes for decodeDocument.
 */
export async function readRawContent(octokit: Octokit, params: { owner: string; repo: string; path: string; ref: string }): Promise<Buffer> {
  const response = await octokit.rest.repos.getContent({ ...params, mediaType: { format: 'raw' }, request: { parseSuccessResponseBody: false } });
  const data = response.data as unknown;
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return Buffer.from(await new Response(data as ReadableStream<Uint8Array>).arrayBuffer());
}
