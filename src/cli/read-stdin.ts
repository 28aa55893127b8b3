import { InputError } from '../errors/errors.js';
import { MAX_INPUT_BYTES } from '../documents/read-input-file.js';

/**
 * Standard input as bytes, refused past the same 5 MB limit as a file, so `-` behaves like a path.
 * A terminal on stdin means nothing was piped: say so rather than wait for typing.
 */
export async function readStdin(stream: NodeJS.ReadableStream & { isTTY?: boolean }): Promise<Uint8Array> {
  if (stream.isTTY) throw new InputError('-: standard input is a terminal; pipe a document in (e.g. cat plan.md | rfc-panel review -)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_INPUT_BYTES)
      throw new InputError('-: standard input is over 5 MB; the limit is 5 MB — split the document or review its sections separately');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
