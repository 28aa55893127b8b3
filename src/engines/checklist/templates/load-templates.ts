import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ValidationError } from '../../../errors/errors.js';
import { formatZodIssues } from '../../../errors/format-zod-issues.js';
import { builtInReviewersDir } from '../../../personas/load-personas.js';
import { type Template, TemplateSchema } from './schema.js';

let cached: Template[] | null = null;

/** The built-in templates (reviewers/templates/*.yaml), most specific first; read once per process. */
export function loadTemplates(dir = join(builtInReviewersDir(), 'templates')): Template[] {
  if (cached && dir === join(builtInReviewersDir(), 'templates')) return cached;
  const out: Template[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    const file = join(dir, name);
    let data: unknown;
    try {
      data = parseYaml(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ValidationError(relative(process.cwd(), file), [`not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
    }
    const parsed = TemplateSchema.safeParse(data);
    if (!parsed.success) throw new ValidationError(relative(process.cwd(), file), formatZodIssues(parsed.error));
    if (`${parsed.data.id}.yaml` !== name) throw new ValidationError(file, [`id: "${parsed.data.id}" must match the file name "${name}"`]);
    out.push(parsed.data);
  }
  out.sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  if (dir === join(builtInReviewersDir(), 'templates')) cached = out;
  return out;
}
