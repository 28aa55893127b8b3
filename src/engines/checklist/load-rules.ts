import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { InputError, ValidationError } from '../../errors/errors.js';
import { formatZodIssues } from '../../errors/format-zod-issues.js';
import { builtInReviewersDir } from '../../personas/load-personas.js';
import { type Rule, RuleSchema } from './schema.js';

export function builtInRulesDir(): string {
  return join(builtInReviewersDir(), 'rules');
}

const cache = new Map<string, Map<string, Rule>>();

/**
 * Every `<id>.yaml` in the rules folder, validated; the file name must be the rule id. Read once
 * per process: rule files ship with the app, and re-parsing them on every review blocks the event
 * loop that answers webhooks.
 */
export function loadRules(dir = builtInRulesDir()): Map<string, Rule> {
  const cached = cache.get(dir);
  if (cached) return cached;
  const rules = readRules(dir);
  cache.set(dir, rules);
  return rules;
}

function readRules(dir: string): Map<string, Rule> {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.yaml'))
      .sort();
  } catch (error) {
    throw new InputError(`cannot read rules folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const rules = new Map<string, Rule>();
  for (const name of names) {
    const file = join(dir, name);
    const rule = parseRule(relative(process.cwd(), file) || file, readFileSync(file, 'utf8'));
    if (`${rule.id}.yaml` !== name) throw new ValidationError(file, [`id: "${rule.id}" must match the file name "${name}"`]);
    rules.set(rule.id, rule);
  }
  return rules;
}

export function parseRule(source: string, text: string): Rule {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new ValidationError(source, [`not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  const parsed = RuleSchema.safeParse(data);
  if (!parsed.success) throw new ValidationError(source, formatZodIssues(parsed.error));
  return parsed.data;
}
