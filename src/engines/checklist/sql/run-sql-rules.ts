import type { PlanDocument } from '../../../documents/schema.js';
import type { RuleHit } from '../rule-hit.js';
import type { SqlRule } from '../schema.js';
import { describeSchema } from './describe-schema.js';
import { parseSqlBlocks } from './parse-sql-blocks.js';
import { SQL_CHECKS } from './rules/index.js';
import type { SqlContext } from './types.js';

/**
 * Parses the document's SQL with the real PostgreSQL parser and runs the requested rules on it.
 * Only the rules passed in run; a rule without a check behind it yields nothing. The parser is
 * loaded only when a requested rule has a check and the document has SQL to read.
 */
export async function runSqlRules(doc: PlanDocument, rules: SqlRule[]): Promise<RuleHit[]> {
  const checks = rules.flatMap((rule) => {
    const check = SQL_CHECKS[rule.id];
    return check ? [{ id: rule.id, check }] : [];
  });
  if (checks.length === 0) return [];
  const { statements, errors } = await parseSqlBlocks(doc);
  if (statements.length === 0 && errors.length === 0) return [];

  const context: SqlContext = { doc, statements, errors, schema: describeSchema(statements) };
  const hits: RuleHit[] = [];
  const seen = new Set<string>();
  for (const { id, check } of checks) {
    for (const hit of check(context)) {
      // A table defined twice in one section (a draft and its revision) is one section-level gap, not two.
      const key = JSON.stringify([id, hit.anchor.level, hit.anchor.startLine, hit.anchor.endLine, hit.match]);
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({ ruleId: id, ...hit });
    }
  }
  return hits;
}
