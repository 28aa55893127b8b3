import type { PlanDocument } from '../documents/schema.js';
import type { Engine } from '../engines/types.js';
import { checklistVerifier } from '../engines/checklist/checklist-verifier.js';
import { reconcileLedger } from '../ledger/reconcile-ledger.js';
import type { ReconcileResult } from '../ledger/reconcile-types.js';
import { EMPTY_LEDGER, type Ledger } from '../ledger/schema.js';
import type { Persona } from '../personas/schema.js';
import { type PanelResult, runPanel } from '../panel/run-panel.js';

export interface RevisionComparison {
  before: PanelResult;
  after: PanelResult;
  reconciled: ReconcileResult;
}

/**
 * The ledger's lifecycle without GitHub: review the old text, treat its findings as open, then
 * review the new text and decide each finding's status exactly as the app does on a push.
 */
export async function compareRevisions(
  previous: PlanDocument,
  current: PlanDocument,
  options: { engines: Engine[]; personas: Persona[]; only?: string[] },
): Promise<RevisionComparison> {
  const before = await runPanel([previous], options);
  const at = new Date().toISOString();
  const opened = reconcileLedger({
    previous: EMPTY_LEDGER,
    current: [...before.findings, ...before.held],
    documents: new Map([[previous.path, previous]]),
    sha: 'previous',
    at,
  });
  const ledger: Ledger = opened.ledger;
  const after = await runPanel([current], options);
  const reconciled = reconcileLedger({
    previous: ledger,
    current: [...after.findings, ...after.held],
    documents: new Map([[current.path, current]]),
    renamed: new Map([[previous.path, current.path]]),
    sha: 'current',
    at,
    evidenceFor: checklistVerifier.evidenceFor,
  });
  return { before, after, reconciled };
}
