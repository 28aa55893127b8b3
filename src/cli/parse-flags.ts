import { parseArgs } from 'node:util';
import { usageError } from './usage-error.js';

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;
export interface Flags {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Node's parseArgs errors, reworded to one line without its suggestion (which quoted oddly). */
export function parseFlags(args: string[], options: FlagSpec, topic: string): Flags {
  try {
    return parseArgs({ args, allowPositionals: true, strict: true, options: { ...options, help: { type: 'boolean', short: 'h' } } }) as Flags;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message.split('\n')[0]!;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'([^']+)'/.exec(message)?.[1] ?? message;
      throw usageError(`unknown option '${option}'`, topic);
    }
    throw usageError(message.replace(/\.$/, ''), topic);
  }
}
