import picomatch from 'picomatch';
import { decodeDocument } from './read-input-file.js';
import type { Config } from '../config/schema.js';
import { InputError } from '../errors/errors.js';
import type { PullFile, PullGateway } from '../github/pull-gateway.js';
import { prepareDocumentOffThread } from './prepare-document-off-thread.js';
import type { FetchedDocuments, PullDocument } from './pull-document.js';
import type { PlanDocument } from './schema.js';

/** GitHub lists at most this many files of a pull request: at the cap, a path missing from the listing says nothing. */
export const GITHUB_FILE_LISTING_LIMIT = 3000;

/** The plan documents a PR changes, at its head (and base), with the lines its diff lets us comment on. */
export async function fetchPullDocuments(
  github: Pick<PullGateway, 'listFiles' | 'readFileAt'>,
  pull: { headSha: string; baseSha: string },
  config: Pick<Config, 'paths' | 'ignore' | 'budgets'>,
): Promise<FetchedDocuments> {
  const files: PullFile[] = await github.listFiles();
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
  if (over.length > 0)
    skipped.push({
      path: over.length === 1 ? over[0]!.filename : `${over[0]!.filename} and ${over.length - 1} more document(s)`,
      reason: `over the limit of ${config.budgets.maxFiles} documents per review (budgets.maxFiles)`,
    });
  for (const file of matching) {
    const head = await readBlob(github, file.filename, pull.headSha, config.budgets.maxDocumentBytes);
    if ('skip' in head) {
      skipped.push({ path: file.filename, reason: head.skip });
      continue;
    }
    const previousPath = file.status === 'renamed' ? (file.previous_filename ?? null) : null;
    let baseText: string | null = null;
    if (file.status === 'modified' || file.status === 'renamed' || file.status === 'changed') {
      const base = await readBlob(github, previousPath ?? file.filename, pull.baseSha, config.budgets.maxDocumentBytes);
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
  return { documents, skipped, filesListed: files.length, complete: files.length < GITHUB_FILE_LISTING_LIMIT, listedPaths, removed };
}

async function readBlob(github: Pick<PullGateway, 'readFileAt'>, path: string, ref: string, maxBytes: number): Promise<{ text: string } | { skip: string }> {
  const read = await github.readFileAt(ref, path, { maxBytes });
  // Gone since the listing (a force-push, a deleted branch): this document is skipped, the others are still reviewed.
  if ('missing' in read) return { skip: `it could not be read at ${ref.slice(0, 7)} (HTTP 404: removed or force-pushed away during the review)` };
  if ('tooLarge' in read) return { skip: tooLargeReason(read.tooLarge, maxBytes) };
  try {
    return { text: decodeDocument(path, read.bytes) };
  } catch (error) {
    if (error instanceof InputError) return { skip: error.message.replace(`${path}: `, '') };
    throw error;
  }
}

/** Just over the limit rounds to the limit itself in MB ("5.0 MB is over the 5.0 MB limit"): then it is said in bytes. */
function tooLargeReason(bytes: number, maxBytes: number): string {
  const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
  const [size, limit] =
    mb(bytes) === mb(maxBytes) ? [`${bytes.toLocaleString('en')} bytes`, `${maxBytes.toLocaleString('en')}-byte`] : [`${mb(bytes)} MB`, `${mb(maxBytes)} MB`];
  return `${size} is over the ${limit} limit for one document (budgets.maxDocumentBytes)`;
}

/**
 * One document at a ref, read and parsed the way a review reads it — under the size cap, off the
 * event loop with the same deadline and heap cap — or null when it is gone or past the limits.
 */
export async function readPullDocument(github: Pick<PullGateway, 'readFileAt'>, ref: string, path: string, maxBytes: number): Promise<PlanDocument | null> {
  const read = await readBlob(github, path, ref, maxBytes);
  if ('skip' in read) return null;
  try {
    return (await prepareDocumentOffThread(path, read.text, null, null)).doc;
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
}
