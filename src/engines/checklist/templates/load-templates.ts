import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '../../../errors/errors.js';
import { builtInReviewersDir } from '../../../personas/load-personas.js';
import { readYamlFile } from '../read-yaml-file.js';
import { type Template, TemplateSchema } from './schema.js';

const cache = new Map<string, Template[]>();

/** The templates in a folder (built-in: reviewers/templates/*.yaml), most specific first; read once per process. */
export function loadTemplates(dir = join(builtInReviewersDir(), 'templates')): Template[] {
  const cached = cache.get(dir);
  if (cached) return cached;
  const out: Template[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()) {
    const file = join(dir, name);
    const template = readYamlFile(file, TemplateSchema);
    if (`${template.id}.yaml` !== name) throw new ValidationError(file, [`id: "${template.id}" must match the file name "${name}"`]);
    out.push(template);
  }
  out.sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  cache.set(dir, out);
  return out;
}
