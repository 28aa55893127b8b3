import type { Finding } from '../findings/schema.js';

/**
 * The rule a finding comes from, as SARIF and rdjson name it: a checklist rule id, or for a model's
 * finding its concern (a kebab-case topic), so the same concern groups under one rule.
 */
export function nameRule(finding: Finding): string {
  return finding.ruleId ?? `concern.${finding.concern}`;
}
