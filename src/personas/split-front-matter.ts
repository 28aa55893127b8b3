import { parse as parseYaml } from 'yaml';
import { ValidationError } from '../errors/errors.js';

/** `---\nyaml\n---\nbody` → { data, body }. A file without front matter is an error for personas. */
export function splitFrontMatter(source: string, text: string): { data: unknown; body: string } {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(normalised);
  if (!match) throw new ValidationError(source, ['(front matter): the file must start with a YAML block between two "---" lines']);
  try {
    return { data: parseYaml(match[1] ?? ''), body: (match[2] ?? '').trim() };
  } catch (error) {
    throw new ValidationError(source, [`(front matter): not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
}
