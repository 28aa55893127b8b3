import { z } from 'zod';

/*
 * Structured output of the assistant's three calls, as forced tools validated with zod (the same
 * approach as the review: see schema.ts). Field order matters: models fill a tool's input in the
 * order its schema lists the properties, so the evidence comes before the verdict it justifies.
 */

export const VERIFY_TOOL_NAME = 'submit_verification';
export const ANSWER_TOOL_NAME = 'submit_answer';
export const CLASSIFY_TOOL_NAME = 'submit_intent';

export const VerificationItemSchema = z
  .object({
    id: z.string().min(1).describe('The id of the finding, exactly as listed.'),
    evidence_quote: z
      .string()
      .nullish()
      .describe(
        'For addressed and partly: the exact text of the document as it reads now that fixes the finding (one line or a few consecutive lines, verbatim, without line-number prefixes). null for not-addressed.',
      ),
    missing: z
      .string()
      .max(600)
      .nullish()
      .describe('For partly and not-addressed: in one sentence, what the document still has to say or change. null for addressed.'),
    verdict: z
      .enum(['addressed', 'partly', 'not-addressed'])
      .describe('addressed: the text now resolves the concern; partly: some of it; not-addressed: the concern still applies.'),
  })
  .superRefine((item, ctx) => {
    if (item.verdict !== 'not-addressed' && !(item.evidence_quote ?? '').trim()) {
      ctx.addIssue({
        code: 'custom',
        path: ['evidence_quote'],
        message: `required for verdict "${item.verdict}": quote the text that fixes it, or answer not-addressed`,
      });
    }
    if (item.verdict !== 'addressed' && !(item.missing ?? '').trim()) {
      ctx.addIssue({ code: 'custom', path: ['missing'], message: `required for verdict "${item.verdict}": say what is still missing` });
    }
  });
export type VerificationItem = z.infer<typeof VerificationItemSchema>;

export const VerificationOutputSchema = z.object({
  verdicts: z.array(VerificationItemSchema).describe('One entry per finding listed, by id.'),
});
export type VerificationOutput = z.infer<typeof VerificationOutputSchema>;

export const AnswerOutputSchema = z
  .object({
    answer: z
      .string()
      .min(1)
      .max(2000)
      .describe('Your reply in the thread: two to six sentences of plain Markdown, quoting the document lines you rely on with their line numbers.'),
    withdraw: z.boolean().describe('true only when the reply shows the finding is wrong and the document proves it (quote the passage in covered_by_quote).'),
    covered_by_quote: z
      .string()
      .nullish()
      .describe(
        'When withdraw is true: the exact text of the document that already covers the concern (verbatim, without line-number prefixes). Otherwise null.',
      ),
  })
  .superRefine((out, ctx) => {
    if (out.withdraw && !(out.covered_by_quote ?? '').trim()) {
      ctx.addIssue({
        code: 'custom',
        path: ['covered_by_quote'],
        message: 'required when withdraw is true: quote the passage of the document that covers the concern, or set withdraw to false',
      });
    }
  });
export type AnswerOutput = z.infer<typeof AnswerOutputSchema>;

export const ReplyKindSchema = z.enum(['addressed', 'wont-fix', 'question', 'disagreement', 'withdraw', 'other']);

export const ClassifyOutputSchema = z.object({
  intent: ReplyKindSchema.describe(
    'addressed: says the document was changed to fix the finding; wont-fix: decides not to fix it (accepts the risk); question: asks about the finding; disagreement: argues the finding is wrong, does not apply or is already covered; withdraw: asks for the finding to be withdrawn; other: anything else.',
  ),
  reason: z.string().max(500).nullish().describe('For wont-fix: the reason the writer gives, in their words; otherwise null.'),
});
export type ClassifyOutput = z.infer<typeof ClassifyOutputSchema>;

/** The JSON Schema of a zod object, as a tool's input_schema. */
export function toolFor(
  name: string,
  description: string,
  schema: z.ZodType,
): { name: string; description: string; input_schema: { type: 'object'; [k: string]: unknown } } {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema) as Record<string, unknown>;
  return { name, description, input_schema: { ...json, type: 'object' } };
}
