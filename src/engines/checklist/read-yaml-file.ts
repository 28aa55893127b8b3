import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
// js-yaml, not `yaml`: the catalogue is about a megabyte of YAML and js-yaml reads it several times
// faster, which is the CLI's start-up time; both agree on every file (the catalogue test checks).
import { load as parseYaml } from 'js-yaml';
import type { ZodType } from 'zod';
import { ValidationError } from '../../errors/errors.js';
import { formatZodIssues } from '../../errors/format-zod-issues.js';

/** A reviewers/ data file, parsed and validated; a bad one is reported with its path, field and problem. */
export function readYamlFile<T>(file: string, schema: ZodType<T>): T {
  const source = relative(process.cwd(), file) || file;
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ValidationError(source, [`not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ValidationError(source, formatZodIssues(parsed.error));
  return parsed.data;
}
