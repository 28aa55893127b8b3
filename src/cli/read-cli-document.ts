import { parseDocumentGuarded } from '../documents/parse-document-guarded.js';
import type { PlanDocument } from '../documents/schema.js';
import { type CliIo, STDIN_PATH } from './cli-io.js';
import { decodeDocument, readInputFile } from '../documents/read-input-file.js';
import { readCliStdin } from './read-cli-stdin.js';

/** A document named on the command line, `-` for standard input. */
export async function readCliDocument(path: string, io: CliIo): Promise<PlanDocument> {
  // Parsed with the app's limits (deadline, memory, nesting), so a hostile file fails with a reason.
  if (path === '-') return parseDocumentGuarded(STDIN_PATH, decodeDocument(STDIN_PATH, await readCliStdin(io)));
  return parseDocumentGuarded(path, readInputFile(path));
}
