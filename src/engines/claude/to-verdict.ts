import type { PlanDocument } from '../../documents/schema.js';
import type { Verdict } from '../../ledger/verifier.js';
import type { VerificationItem } from './claude-assistant-schema.js';
import { locateEvidence } from './locate-evidence.js';

export const EVIDENCE_NOT_FOUND = 'evidence not found in the text';

/** A model's verdict → the ledger's, with the evidence anchored in the visible text or distrusted. */
export function toVerdict(doc: PlanDocument, visibleLines: readonly string[], item: VerificationItem): Verdict {
  const missing = item.missing?.trim() || null;
  if (item.verdict === 'not-addressed') return { verdict: 'not-addressed', evidence: null, missing };
  const found = locateEvidence(doc, visibleLines, item.evidence_quote);
  if (!found) return { verdict: 'partly', evidence: null, missing: item.verdict === 'addressed' ? EVIDENCE_NOT_FOUND : (missing ?? EVIDENCE_NOT_FOUND) };
  const evidence = { note: `“${found.text}”`, lines: found.lines };
  return item.verdict === 'addressed' ? { verdict: 'addressed', evidence, missing: null } : { verdict: 'partly', evidence, missing };
}
