import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../errors/errors.js';

export const MAX_INPUT_BYTES = 5 * 1024 * 1024;
/**
 * The Markdown parser spends about 1 KB of memory per line however short the line: a few MB of bare
 * newlines exhaust the heap and abort the process. No plan has this many lines; refuse it instead.
 */
export const MAX_INPUT_LINES = 100_000;

/**
 * Read a document the user named, refusing what cannot be a Markdown plan with one line that says
 * what to do instead. Never returns mangled text: invalid UTF-8 is an error, not replacement marks.
 */
export function readInputFile(path: string): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new InputError(`${path}: is a directory; name the Markdown files to review (e.g. ${path.replace(/\/$/, '')}/*.md)`);
    if (!stat.isFile()) throw new InputError(`${path}: is not a regular file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${path}: no such file`);
    if (code === 'EACCES') throw new InputError(`${path}: permission denied`);
    throw new InputError(`${path}: cannot read (${code ?? (error as Error).message})`);
  }
  if (size > MAX_INPUT_BYTES) {
    throw new InputError(`${path}: is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is 5 MB — split the document or review its sections separately`);
  }
  const bytes = readFileSync(path);
  return decodeDocument(path, bytes);
}

/** Bytes → text for any source (file, GitHub blob): binary and non-UTF-8 content are refused. */
export function decodeDocument(path: string, bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError(`${path}: is UTF-16; save it as UTF-8`);
  }
  const head = bytes.subarray(0, 8000);
  if (head.includes(0)) throw new InputError(`${path}: looks like a binary file, not Markdown`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path}: is not valid UTF-8; save it as UTF-8`);
  }
  const lines = countLines(text, MAX_INPUT_LINES + 1);
  if (lines > MAX_INPUT_LINES)
    throw new InputError(`${path}: has more than ${MAX_INPUT_LINES.toLocaleString('en')} lines; split the document or review its sections separately`);
  return text;
}

/** Line breaks as the document model counts them (CRLF, LF, CR), stopping once `stop` is reached. */
function countLines(text: string, stop: number): number {
  let lines = 1;
  for (let i = 0; i < text.length && lines < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lines++;
  }
  return lines;
}
