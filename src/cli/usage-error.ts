import { InputError } from '../errors/errors.js';

/** A usage mistake as one line that says where the help is (the full help would bury the mistake). */
export function usageError(message: string, topic: string): InputError {
  return new InputError(`${message} (see rfc-panel ${topic}--help)`);
}
