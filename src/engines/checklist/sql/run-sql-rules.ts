import type { PlanDocument } from '../../../documents/schema.js';
import type { RuleHit } from '../rule-hit.js';
import type { SqlRule } from '../schema.js';

/** Placeholder until the SQL rules land: parses ```sql blocks and runs the requested rules. */
export async function runSqlRules(_doc: PlanDocument, _rules: SqlRule[]): Promise<RuleHit[]> {
  return [];
}
