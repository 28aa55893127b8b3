import type { Logger } from 'pino';
import type { Usage } from '../engines/types.js';
import { needsVerification } from '../ledger/needs-verification.js';
import type { Verdict } from '../ledger/verifier.js';
import type { Ledger } from '../ledger/schema.js';
import { verifyModelFindings } from '../ledger/verify-model-findings.js';
import { sumUsage } from '../panel/sum-usage.js';
import type { JobDeps } from './job-deps.js';
import type { Revision } from './load-revision.js';
import type { PanelRun } from './run-revision-panel.js';

/**
 * Verdicts on the open model findings: those on changed text came with the panel's incremental
 * calls; the rest that need one are asked of the model (within budget), and that cost is recorded.
 */
export async function verifyRevision(
  deps: JobDeps,
  revision: Revision,
  run: PanelRun,
  previous: Ledger,
  notes: string[],
  log: Logger,
): Promise<{ verdicts: Map<string, Verdict>; usage: Usage }> {
  const { panel, prepared } = run;
  const assistant = run.allowed && deps.createAssistant ? await deps.createAssistant(revision.ctx.config) : null;
  const verification = assistant
    ? await verifyModelFindings(
        assistant,
        previous,
        revision.documents.map((d) => d.doc),
        revision.personas,
        notes,
        log,
        (e, doc) => !panel.verdicts.has(e.finding.id) && needsVerification(e, doc, prepared.scopes.get(doc.path)),
      )
    : { verdicts: new Map<string, Verdict>(), usage: [] };
  const usage = sumUsage(verification.usage);
  if (verification.usage.length > 0) {
    await deps.budget?.record(run.scope, usage);
    deps.metrics?.record({ type: 'usage', usage });
  }
  return { verdicts: new Map([...panel.verdicts, ...verification.verdicts]), usage };
}
