import { loadCatalogue } from './catalogue/load-catalogue.js';
import { loadRules } from './load-rules.js';

/** Whether this version of the offline engine still has the check (SQL rule, catalogue concern or template) with this id. */
export function isKnownCheck(ruleId: string): boolean {
  return ruleId.startsWith('template.') || loadRules().has(ruleId) || loadCatalogue().concerns.has(ruleId);
}
