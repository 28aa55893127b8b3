import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import { REVIEW_TOOL_NAME, ReviewOutputSchema } from './review-output-schema.js';

/**
 * The forced tool the model reports through; its input_schema is generated from the zod schema
 * the reply is validated with. Identical for every call of a review (it is part of the cached
 * prefix), so the per-persona limit lives in the user turn as well as in maxItems here.
 */
export function buildReviewTool(maxFindings: number): Anthropic.Tool {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(ReviewOutputSchema) as unknown as Record<string, unknown> & {
    properties: { findings: Record<string, unknown> };
  };
  schema.properties.findings = { ...schema.properties.findings, maxItems: maxFindings };
  return {
    name: REVIEW_TOOL_NAME,
    description: `Submit your review of the document: at most ${maxFindings} findings, most severe first, or an empty list when you have none.`,
    input_schema: { ...schema, type: 'object' },
  };
}
