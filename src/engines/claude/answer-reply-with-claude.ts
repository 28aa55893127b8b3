import type { PlanDocument } from '../../documents/schema.js';
import { relocateAnchor } from '../../findings/relocate-anchor.js';
import type { LedgerEntry } from '../../ledger/schema.js';
import type { Persona } from '../../personas/schema.js';
import { buildAnswerMessage } from './build-answer-message.js';
import { buildAssistantPrefix } from './build-assistant-prefix.js';
import { callAssistantTool } from './call-assistant-tool.js';
import { chunkOfEntry } from './chunk-of-entry.js';
import { chunksOf } from './chunks-of.js';
import { type AssistantContext, NO_TOKENS } from './claude-assistant-context.js';
import { linesLabel } from './lines-label.js';
import { locateEvidence } from './locate-evidence.js';
import { ANSWER_TOOL_NAME, AnswerOutputSchema } from './claude-assistant-schema.js';
import { stripHiddenText } from './strip-hidden-text.js';

export const NOT_CONCEDED_NOTE = '_The finding stays open: the passage quoted as covering it was not found in the document._';

/**
 * The persona answers a question or a disagreement in the finding's thread, grounded in the
 * document (same cached prefix as verification). It may concede, but only by quoting the passage
 * that covers the concern; a passage that is not in the visible text gets one repair turn, then
 * the answer is kept and the finding stays open. The text is raw model output: the caller must
 * sanitise it before posting. null on any failure (the caller posts its offline answer).
 */
export async function answerReplyWithClaude(
  ctx: AssistantContext,
  doc: PlanDocument | null,
  persona: Persona,
  entry: LedgerEntry,
  reply: string,
): Promise<{ text: string; withdraw: boolean } | null> {
  const tokens = { ...NO_TOKENS };
  const visible = doc ? stripHiddenText(doc) : [];
  const chunks = doc ? chunksOf(doc, visible, ctx.options) : [];
  const relocated = doc ? relocateAnchor(entry.finding.anchor, { ...doc, lines: visible }) : null;
  const chunk = doc ? chunkOfEntry(doc, chunks, entry, relocated?.startLine ?? null) : null;
  const system = buildAssistantPrefix(doc, visible, chunks.length > 1 ? chunk : null, chunks.length);
  const userText = buildAnswerMessage(persona, entry, relocated, reply);

  try {
    const { data, unresolved } = await ctx.cached(system, () =>
      callAssistantTool({
        client: ctx.client,
        model: ctx.options.model,
        system,
        tools: ctx.tools,
        toolName: ANSWER_TOOL_NAME,
        schema: AnswerOutputSchema,
        userText,
        maxTokens: 1024,
        maxRetries: ctx.options.maxRetries,
        check: (out) => {
          if (!out.withdraw) return [];
          if (!doc) return ['withdraw must be false: there is no document to quote'];
          return locateEvidence(doc, visible, out.covered_by_quote)
            ? []
            : ['covered_by_quote: this text is not in the document; copy the passage verbatim (without line-number prefixes), or set withdraw to false'];
        },
        usage: tokens,
      }),
    );
    const answer = data.answer.trim();
    const covered = data.withdraw && doc && unresolved.length === 0 ? locateEvidence(doc, visible, data.covered_by_quote) : null;
    if (covered) return { text: `${answer}\n\nThe document covers this at ${linesLabel(covered.lines)}: “${covered.text}”`, withdraw: true };
    return { text: data.withdraw ? `${answer}\n\n${NOT_CONCEDED_NOTE}` : answer, withdraw: false };
  } catch {
    return null;
  } finally {
    ctx.report('answer', tokens);
  }
}
