import { loadPersonas } from '../personas/load-personas.js';
import { type CliIo, EXIT } from './cli-io.js';
import { parseFlags } from './parse-flags.js';
import { renderHelp } from './render-help.js';
import { usageError } from './usage-error.js';

/** `rfc-panel reviewers`. */
export function listReviewers(args: string[], io: CliIo): number {
  const { values, positionals } = parseFlags(args, { 'reviewers-dir': { type: 'string', multiple: true } }, 'reviewers ');
  if (values.help === true) {
    io.stdout(renderHelp('reviewers'));
    return EXIT.ok;
  }
  if (positionals.length > 0) throw usageError(`reviewers takes no arguments (got "${positionals[0]}")`, 'reviewers ');
  for (const p of loadPersonas((values['reviewers-dir'] as string[] | undefined) ?? [])) {
    const engage = p.engage.always ? 'always' : `when: ${p.engage.triggers.join(', ')}`;
    io.stdout(`${p.id.padEnd(20)} ${p.name}\n${' '.repeat(21)}${p.focus}\n${' '.repeat(21)}${engage}\n`);
  }
  return EXIT.ok;
}
