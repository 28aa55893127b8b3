import type { Verifier } from '../../ledger/verifier.js';
import { findFixEvidence } from './find-fix-evidence.js';
import { isKnownCheck } from './is-known-check.js';
import { verifyWithChecklist } from './verify-with-checklist.js';

/** The offline engine as the ledger's verifier: its findings are re-checked by re-running the check that raised them. */
export const checklistVerifier: Verifier = { verify: verifyWithChecklist, evidenceFor: findFixEvidence, isKnownCheck };
