import type { PlanDocument } from '../../documents/schema.js';
import type { Verdict } from '../../ledger/verifier.js';
import { relocateAnchor } from '../../findings/relocate-anchor.js';
import type { LedgerEntry } from '../../ledger/schema.js';
import type { Persona } from '../../personas/schema.js';
import type { Usage } from '../types.js';
import { buildAssistantPrefix } from './build-assistant-prefix.js';
import { buildVerifyMessage, type Listed } from './build-verify-message.js';
import { callAssistantTool } from './call-assistant-tool.js';
import { chunkOfEntry } from './chunk-of-entry.js';
import { chunksOf } from './chunks-of.js';
import { type AssistantContext, NO_TOKENS } from './claude-assistant-context.js';
import { VERIFY_TOOL_NAME, VerificationOutputSchema } from './claude-assistant-schema.js';
import type { Chunk } from './split-into-chunks.js';
import { stripHiddenText } from './strip-hidden-text.js';
import { toVerdict } from './to-verdict.js';

/**
 * One persona's open findings against a new revision, in one call (one per part of a document too
 * long for maxDocumentTokens that holds any of them). The model's verdicts are trusted only as far
 * as the text bears them out: an evidence quote that is not in the visible text turns "addressed"
 * into "partly" ("evidence not found in the text"); unknown ids are ignored; a finding the model
 * left out gets no verdict and stays open. Throws when a call fails: the caller keeps them open.
 */
export async function verifyFindingsWithClaude(
  ctx: AssistantContext,
  doc: PlanDocument,
  persona: Persona,
  entries: LedgerEntry[],
): Promise<{ verdicts: Map<string, Verdict>; usage: Usage }> {
  const tokens = { ...NO_TOKENS };
  const verdicts = new Map<string, Verdict>();
  if (entries.length === 0) return { verdicts, usage: ctx.report('verify', tokens) };

  const visible = stripHiddenText(doc);
  const chunks = chunksOf(doc, visible, ctx.options);
  const groups = new Map<Chunk, Listed[]>();
  for (const entry of entries) {
    const relocated = relocateAnchor(entry.finding.anchor, { ...doc, lines: visible });
    const now: [number, number] | null =
      relocated?.level === 'line' && relocated.startLine !== null && relocated.endLine !== null ? [relocated.startLine, relocated.endLine] : null;
    const chunk = chunkOfEntry(doc, chunks, entry, now?.[0] ?? null);
    groups.set(chunk, [...(groups.get(chunk) ?? []), { entry, now }]);
  }

  let usage: Usage;
  try {
    for (const [chunk, listed] of groups) {
      const system = buildAssistantPrefix(doc, visible, chunk, chunks.length);
      const userText = buildVerifyMessage(persona, listed, chunks.length > 1 ? chunk : null, chunks.length);
      const maxTokens = Math.min(ctx.options.maxOutputTokensCeiling, Math.max(1024, 400 + 300 * listed.length));
      const { data } = await ctx.cached(system, () =>
        callAssistantTool({
          client: ctx.client,
          model: ctx.options.model,
          system,
          tools: ctx.tools,
          toolName: VERIFY_TOOL_NAME,
          schema: VerificationOutputSchema,
          userText,
          maxTokens,
          maxRetries: ctx.options.maxRetries,
          normalise: normaliseVerification,
          usage: tokens,
        }),
      );
      const ids = new Set(listed.map((l) => l.entry.finding.id));
      for (const item of data.verdicts) {
        if (!ids.has(item.id) || verdicts.has(item.id)) continue;
        verdicts.set(item.id, toVerdict(doc, visible, item));
      }
    }
  } finally {
    // Tokens of a failed call are reported too.
    usage = ctx.report('verify', tokens);
  }
  return { verdicts, usage };
}

/** Forgive spelling the schema would otherwise reject: "Not addressed", "Partly". */
function normaliseVerification(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || !Array.isArray((input as { verdicts?: unknown }).verdicts)) return input;
  const verdicts = (input as { verdicts: unknown[] }).verdicts.map((v) => {
    if (typeof v !== 'object' || v === null) return v;
    const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    if (typeof out['verdict'] === 'string')
      out['verdict'] = (out['verdict'] as string)
        .trim()
        .toLowerCase()
        .replace(/[\s_]+/g, '-');
    return out;
  });
  return { ...(input as object), verdicts };
}
