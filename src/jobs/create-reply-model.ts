import type { Logger } from 'pino';
import type { PlanDocument } from '../documents/schema.js';
import type { Assistant } from '../ledger/assistant.js';
import type { Verdict } from '../ledger/verifier.js';
import type { LedgerEntry } from '../ledger/schema.js';
import { loadPersonas } from '../personas/load-personas.js';
import type { Persona } from '../personas/schema.js';
import type { ReplyJob } from '../queue/schema.js';
import type { JobDeps } from './job-deps.js';
import type { PullContext } from './load-pull-context.js';

/** The model's part in answering a reply; every method is null when the model is not there or fails. */
export interface ReplyModel {
  /** Created on first use and only within budget; null offline or when it cannot be made. */
  assistant: () => Promise<Assistant | null>;
  /** A model-raised finding checked against the head by the model. */
  verify: (entry: LedgerEntry, doc: PlanDocument) => Promise<Verdict | null>;
  /** The persona's own answer, grounded in the document at the head. */
  answer: (entry: LedgerEntry, reply: string) => Promise<{ text: string; withdraw: boolean } | null>;
}

export function createReplyModel(deps: JobDeps, ctx: PullContext, job: ReplyJob, log: Logger): ReplyModel {
  const scope = { installationId: job.installationId, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber };
  let made: Promise<Assistant | null> | null = null;
  const assistant = (): Promise<Assistant | null> =>
    (made ??= (async () => {
      if (!deps.createAssistant) return null;
      if (deps.budget && !(await deps.budget.check(scope)).allowed) return null;
      return deps.createAssistant(ctx.config);
    })().catch((error: unknown) => {
      log.warn({ err: error }, 'no assistant for this reply; answering by rules');
      return null;
    }));
  // The finding's first persona; a folder persona wins over a built-in one of the same id.
  const personaOf = async (entry: LedgerEntry): Promise<Persona | null> => {
    const id = entry.finding.personas[0] ?? 'staff-engineer';
    return (await ctx.personas()).find((p) => p.id === id) ?? loadPersonas().find((p) => p.id === 'staff-engineer') ?? null;
  };
  return {
    assistant,
    async verify(entry, doc) {
      if (entry.finding.engines.includes('checklist')) return null;
      const model = await assistant();
      const persona = model ? await personaOf(entry) : null;
      if (!model || !persona) return null;
      try {
        const { verdicts, usage } = await model.verify(doc, persona, [entry]);
        await deps.budget?.record(scope, usage);
        deps.metrics?.record({ type: 'usage', usage });
        return verdicts.get(entry.finding.id) ?? null;
      } catch (error) {
        log.warn({ err: error, findingId: entry.finding.id }, 'verification by the model failed');
        return null;
      }
    },
    async answer(entry, reply) {
      const model = await assistant();
      const persona = model ? await personaOf(entry) : null;
      if (!model || !persona) return null;
      try {
        const answered = await model.answer(await ctx.readDocument(entry.finding.anchor.path), persona, entry, reply);
        return answered && answered.text.trim().length > 0 ? answered : null;
      } catch (error) {
        log.warn({ err: error, findingId: entry.finding.id }, 'the reviewer could not answer; answering by rules');
        return null;
      }
    },
  };
}
