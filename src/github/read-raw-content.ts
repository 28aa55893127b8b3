import type { Octokit } from './types.js';

/**
 * A file's exact bytes. GitHub labels raw content `charset=utf-8` whatever it holds, and Octokit then
 * decodes it as text, turning invalid UTF-8 (Latin-1, binary) into U+FFFD: a Latin-1 plan would be
 * reviewed mangled instead of refused. Reading the unparsed body keeps the bytes for decodeDocument.
 */
export async function readRawContent(octokit: Octokit, params: { owner: string; repo: string; path: string; ref: string }): Promise<Buffer> {
  const response = await octokit.rest.repos.getContent({
    ...params,
    mediaType: { format: 'raw' },
    request: { parseSuccessResponseBody: false, what: `reading ${params.path}` },
  });
  const data = response.data as unknown;
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return Buffer.from(await new Response(data as ReadableStream<Uint8Array>).arrayBuffer());
}
