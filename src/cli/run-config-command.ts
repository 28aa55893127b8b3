import { readFileSync, statSync } from 'node:fs';
import { CONFIG_FILE } from '../config/load-config.js';
import { InputError, ValidationError } from '../errors/errors.js';
import { checkConfigFile } from './check-config-file.js';
import { type CliIo, EXIT, STDIN_PATH } from './cli-io.js';
import { parseFlags } from './parse-flags.js';
import { readCliStdin } from './read-cli-stdin.js';
import { renderHelp } from './render-help.js';
import { usageError } from './usage-error.js';

/** `rfc-panel config check [file]`. */
export async function runConfigCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, {}, 'config ');
  const [sub, file = `.github/${CONFIG_FILE}`, ...extra] = positionals;
  if (values.help === true) {
    io.stdout(renderHelp('config'));
    return EXIT.ok;
  }
  if (sub === undefined) throw usageError('config needs a command: rfc-panel config check [file]', 'config ');
  if (sub !== 'check') throw usageError(`unknown config command "${sub}"`, 'config ');
  if (extra.length > 0) throw usageError('config check takes one file', 'config ');
  const bytes = file === '-' ? await readCliStdin(io) : readConfigBytes(file);
  try {
    const { config: parsed, notes } = checkConfigFile(file === '-' ? STDIN_PATH : file, bytes);
    for (const note of notes) io.stderr(`rfc-panel: note: ${note}\n`);
    io.stdout(
      `${file === '-' ? STDIN_PATH : file}: valid — engine ${parsed.engine}, gate ${parsed.gate}, ${parsed.paths.length} path pattern(s), review event ${parsed.reviewEvent}\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    // One problem a line: a config with three mistakes should show all three, each with its key.
    for (const problem of error.problems) io.stderr(`${error.where}: ${problem}\n`);
    return EXIT.findings;
  }
}

function readConfigBytes(path: string): Uint8Array {
  try {
    if (statSync(path).isDirectory()) throw new InputError(`${path}: is a directory; name the config file (e.g. ${path.replace(/\/$/, '')}/${CONFIG_FILE})`);
    return readFileSync(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? (error as Error).message})`}`);
  }
}
