import type { Anchor, Severity } from '../../findings/schema.js';

/** One place a checklist rule fired. The engine turns hits into findings using the rule's metadata. */
export interface RuleHit {
  ruleId: string;
  anchor: Anchor;
  /** Text substituted for `{match}` in the rule's title and body (a table, a column, a dependency). */
  match: string;
  /** Replacement text for the anchored lines, when the fix is mechanical. */
  suggestion?: string | null;
  /** Milder than the rule's severity for this hit, when the rule says why (see check-fk-on-delete.ts). */
  severity?: Severity;
}
