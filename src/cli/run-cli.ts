import { RfcPanelError } from '../errors/errors.js';
import { type CliIo, EXIT } from './cli-io.js';
import { listReviewers } from './list-reviewers.js';
import { readPackageVersion } from '../read-package-version.js';
import { renderHelp } from './render-help.js';
import { runConfigCommand } from './run-config-command.js';
import { runReviewCommand } from './run-review-command.js';
import { usageError } from './usage-error.js';

/** The whole CLI as a function of argv and io, so tests drive it without spawning processes. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof RfcPanelError) {
      io.stderr(`rfc-panel: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`rfc-panel: unexpected error: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.stderr(renderHelp('main'));
    return EXIT.usage;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(renderHelp('main'));
    return EXIT.ok;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    io.stdout(`${readPackageVersion()}\n`);
    return EXIT.ok;
  }
  if (command === 'reviewers') return listReviewers(rest, io);
  if (command === 'review') return runReviewCommand(rest, io);
  if (command === 'config') return runConfigCommand(rest, io);
  throw usageError(`unknown command "${command}"`, '');
}
