import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { InputError, ValidationError } from '../errors/errors.js';
import { formatZodIssues } from '../errors/format-zod-issues.js';
import { packageRoot } from '../package-root.js';
import { type Persona, PersonaSchema } from './schema.js';
import { splitFrontMatter } from './split-front-matter.js';

// The built-in personas ship with the app: read once per process (extra folders are read each time).
let builtIn: { dir: string; personas: Persona[] } | null = null;

export function builtInReviewersDir(): string {
  return join(packageRoot(), 'reviewers');
}

/**
 * Personas from the built-in folder, then from each extra folder (a repository's own reviewers):
 * a later file with the same id replaces the earlier one, a new id joins the panel.
 */
export function loadPersonas(extraDirs: string[] = [], builtInDir = builtInReviewersDir()): Persona[] {
  const byId = new Map<string, Persona>();
  builtIn ??= { dir: builtInDir, personas: loadPersonaDir(builtInDir) };
  const base = builtIn.dir === builtInDir ? builtIn.personas : loadPersonaDir(builtInDir);
  for (const persona of base) byId.set(persona.id, persona);
  for (const dir of extraDirs) {
    for (const persona of loadPersonaDir(dir)) byId.set(persona.id, persona);
  }
  return [...byId.values()];
}

export function loadPersonaDir(dir: string): Persona[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new InputError(`reviewers folder ${dir} is not a folder`);
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.md') && n.toLowerCase() !== 'readme.md')
      .sort();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read reviewers folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return names.map((name) => parsePersona(join(dir, name), readFileSync(join(dir, name), 'utf8')));
}

export function parsePersona(file: string, text: string): Persona {
  const source = relative(process.cwd(), file) || file;
  const { data, body } = splitFrontMatter(source, text);
  const parsed = PersonaSchema.safeParse({ ...(typeof data === 'object' && data !== null ? data : {}), prompt: body, source });
  if (!parsed.success) throw new ValidationError(source, formatZodIssues(parsed.error));
  const expectedId = file.split(/[\\/]/).pop()?.replace(/\.md$/, '');
  if (parsed.data.id !== expectedId) throw new ValidationError(source, [`id: "${parsed.data.id}" must match the file name "${expectedId}.md"`]);
  return parsed.data;
}
