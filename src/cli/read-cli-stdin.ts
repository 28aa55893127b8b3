import { InputError } from '../errors/errors.js';
import type { CliIo } from './cli-io.js';

/** Standard input through the io the CLI was given (tests give none, or their own bytes). */
export async function readCliStdin(io: CliIo): Promise<Uint8Array> {
  if (!io.readStdin) throw new InputError('-: standard input is not available here');
  return io.readStdin();
}
