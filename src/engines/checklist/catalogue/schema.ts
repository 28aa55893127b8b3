import { z } from 'zod';
import { RecommendationSchema, SeveritySchema } from '../../../findings/schema.js';

/**
 * A term is how a plan names something, in a small readable language instead of raw regexes:
 *   `rate limit`   words in order on one line, whole words, any case, a plural allowed on the last
 *                  word, spaces/hyphens/underscores/slashes between them ("rate-limit", "rate_limits")
 *   `invalidat*`   a word starting with "invalidat" (invalidate, invalidation, invalidated)
 *   `@pii`         every term of the shared vocabulary `pii` (reviewers/catalogue/vocabularies.yaml)
 *   `/p9[59]/`     a regular expression for the rare case words cannot say it (≤ 80 characters)
 *   `active=false` a term with symbols (`=`, `:`, quotes, brackets, `%`) is that literal text, a
 *                  final `*` still a prefix (`"Principal": "*"` is not just the word "principal")
 *   `@reads ... then @writes`  parts that come in this order within one sentence, which may wrap
 *                  onto the next line (" ... " between parts; " .. " when the next part follows within
 *                  three words; each part words or a vocabulary of words; a denial between parts voids it)
 */
export const TermSchema = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(
    z
      .string()
      .min(2)
      .refine((t) => !(t.startsWith('/') && t.endsWith('/')) || t.length <= 82, 'a /regex/ term is at most 80 characters: split it into terms')
      .refine((t) => t.startsWith('/') || t.length <= 60, 'a term is at most 60 characters')
      // Documents are scanned without the 'u' flag (twice as fast), where \p{…} would silently mean the letters "p{…}".
      .refine(
        (t) => !(t.startsWith('/') && t.endsWith('/')) || !/\\[pPu]\{/.test(t),
        'a /regex/ term cannot use Unicode escapes (\\p{…}, \\u{…}): name the words instead',
      ),
  );
export type Term = z.infer<typeof TermSchema>;

const terms = z.array(TermSchema);

const FixturesSchema = z.strictObject({
  /** Documents on which the concern must fire (at `line` when it anchors on a line). */
  fires: z.array(z.strictObject({ doc: z.string().min(1), line: z.number().int().positive().nullable().default(null) })).min(2),
  /** Documents that use the component and must not raise the concern (handled, or not at risk). */
  passes: z.array(z.string().min(1)).min(2),
});

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes');

/**
 * One thing that goes wrong in practice with a component. It fires when the plan uses the
 * component (outside non-goals, alternatives and prior art), the plan wording that creates the
 * risk is there (`risk`, when given), every `requires` list is met, and nothing in the document
 * shows it is handled (`handled`, searched everywhere the plan commits to, code included).
 */
export const ConcernSchema = z.strictObject({
  /** Unique within the component; the finding's concern id is `<component>.<id>`. */
  id,
  severity: SeveritySchema,
  /** Defaults from the severity: critical → required, important → should, nice-to-have → consider. */
  recommendation: RecommendationSchema.optional(),
  /** Persona ids, primary first. */
  personas: z.array(id).min(1),
  /** Short. `{component}` is the component as the plan names it; `{match}` the risk wording; `{clause}` the plan's clause around it. */
  title: z.string().min(8).max(140),
  /** What goes wrong in practice, for this component. */
  body: z.string().min(40),
  /** What to add to the plan. */
  fix: z.string().min(20),
  /** Plan wording that creates the risk: when given, one of these must appear, and a line finding sits there. */
  risk: terms.default([]),
  /**
   * Words of the sentence that causes the concern, when it is not a fixed phrase: a line finding
   * sits on the first line that names the component together with one of these (else on `risk`,
   * else on the component's first mention). Never required.
   */
  prefer: terms.default([]),
  /** Further conditions: each list must match somewhere in the plan's active text. */
  requires: z.array(terms.min(1)).default([]),
  /** Words that show the plan already handles it. */
  handled: terms.min(1),
  /**
   * Where `handled` counts: anywhere in the document, or within the section of the anchor. Left
   * out, it follows handledInSection: a non-Critical line concern with `risk` wording looks in its
   * section (a "feature flag" or "retry" elsewhere in the plan says nothing about this sentence),
   * anything else in the whole document. `document` is set where real RFCs state the handling in
   * another part of the plan.
   */
  handledScope: z.enum(['document', 'section']).optional(),
  /**
   * `line`: on the risk wording, else on the line that introduces the component; `section`: a
   * section whose heading matches `heading`, else the component's section (gaps in one part of the
   * plan); `document`: a true absence across the plan.
   */
  anchor: z.enum(['line', 'section', 'document']).default('line'),
  heading: terms.default([]),
  /** Public practice this comes from: a checklist, cheat sheet, linter rule or vendor guide. */
  source: z.string().min(5),
  fixtures: FixturesSchema,
});
export type Concern = z.infer<typeof ConcernSchema>;

export const ComponentSchema = z.strictObject({
  id,
  /** How the catalogue names it ("message broker"). */
  name: z.string().min(2),
  /** How plans name it: the component is used when any appears in the plan's active text. */
  synonyms: terms.min(1),
  /** Mentions that are not this component ("cache-control header" is not a cache). */
  exclude: terms.default([]),
  /** Distinct lines that must mention it before it counts as part of the design. */
  minMentions: z.number().int().min(1).default(1),
  concerns: z.array(ConcernSchema).min(1),
});
export type Component = z.infer<typeof ComponentSchema>;

/** `reviewers/catalogue/<area>.yaml`: one area of the catalogue. */
export const AreaFileSchema = z.strictObject({
  area: id,
  title: z.string().min(3),
  components: z.array(ComponentSchema).min(1),
});
export type AreaFile = z.infer<typeof AreaFileSchema>;

/** `reviewers/catalogue/vocabularies.yaml`: shared word lists, referenced as `@name`. */
export const VocabulariesSchema = z.record(id, terms.min(1));
export type Vocabularies = z.infer<typeof VocabulariesSchema>;
