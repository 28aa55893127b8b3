import type { PlanDocument } from '../../documents/schema.js';
import { loadRules } from './load-rules.js';
import type { RuleHit } from './rule-hit.js';
import { loadCatalogue } from './catalogue/load-catalogue.js';
import { runCatalogue } from './catalogue/run-catalogue.js';
import { checkTemplate } from './templates/check-template.js';
import { loadTemplates } from './templates/load-templates.js';
import { runSqlRules } from './sql/run-sql-rules.js';
import { anchorsOverlap } from '../../findings/anchors-overlap.js';
import { findFixEvidence } from './find-fix-evidence.js';
import type { Verdict } from '../../ledger/verifier.js';
import { relocateAnchor } from '../../findings/relocate-anchor.js';
import type { LedgerEntry } from '../../ledger/schema.js';

/**
 * Check one checklist finding against a revision by re-running its rule: still firing at the
 * finding's (relocated) place means not addressed. Returns null for findings the checklist did
 * not raise (a model's findings need the model to verify them).
 */
export async function verifyWithChecklist(entry: LedgerEntry, doc: PlanDocument): Promise<Verdict | null> {
  const ruleId = entry.finding.ruleId;
  if (ruleId?.startsWith('template.') && entry.finding.engines.includes('checklist')) {
    // A section is either still missing / unwritten (the same concern fires again) or written now.
    const again = checkTemplate(doc, loadTemplates()).find((d) => d.concern === entry.finding.concern);
    if (again) return { verdict: 'not-addressed', evidence: null, missing: `the plan still has no answer to “${entry.finding.title}”` };
    return { verdict: 'addressed', evidence: { note: 'the section is written now', lines: null } };
  }
  const rule = ruleId ? loadRules().get(ruleId) : undefined;
  const concern = ruleId ? loadCatalogue().concerns.get(ruleId) : undefined;
  if ((!rule && !concern) || !entry.finding.engines.includes('checklist')) return null;
  const hits: RuleHit[] = concern ? runCatalogue(doc, [concern]) : await runSqlRules(doc, [rule!]);
  const here = relocateAnchor(entry.finding.anchor, doc);
  const still = hits.find((h) => {
    if (here === null) return false;
    if (h.anchor.level !== 'line' || here.level !== 'line') return h.anchor.level === here.level;
    return anchorsOverlap(h.anchor, here, 1);
  });
  if (still) {
    return {
      verdict: 'not-addressed',
      evidence: null,
      missing: concern ? `the plan still has no answer to “${entry.finding.title}”` : `the statement at line ${still.anchor.startLine} still has this problem`,
    };
  }
  const moved = here ? { ...entry, finding: { ...entry.finding, anchor: here } } : entry;
  return {
    verdict: 'addressed',
    evidence: findFixEvidence(moved, doc) ?? { note: here ? 'the rule no longer fires on this text' : 'the quoted text was removed', lines: null },
  };
}
