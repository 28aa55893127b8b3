import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes');
const ruleId = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'use lowercase letters, digits, dots and dashes');

/** Front matter of `reviewers/<id>.md`; the Markdown body after it is the persona's prompt. */
export const PersonaFrontMatterSchema = z.strictObject({
  id,
  name: z.string().min(1),
  focus: z.string().min(1),
  engage: z.strictObject({
    /** Engage on every document (generalists, the devil's advocate). */
    always: z.boolean().default(false),
    /** Terms that make the persona relevant; matched case-insensitively at word starts. */
    triggers: z.array(z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(2))).default([]),
    /** How many distinct triggers a document must mention before the persona engages. */
    minMatches: z.number().int().min(1).default(1),
  }),
  /** Ids of deterministic checklist rules (reviewers/rules/<id>.yaml) this persona runs. */
  checks: z.array(ruleId).default([]),
  /** A document that engages the persona, and the rule ids its checks must raise on it. */
  fixture: z.strictObject({ file: z.string().min(1), expect: z.array(ruleId) }).optional(),
});

export const PersonaSchema = PersonaFrontMatterSchema.extend({
  prompt: z.string().min(40, 'the prompt body is missing or too short to guide a reviewer'),
  /** Where it was loaded from, for error messages and for `rfc-panel reviewers`. */
  source: z.string(),
});
export type Persona = z.infer<typeof PersonaSchema>;
