/** Longest text the schema accepts per field: what is beyond it is clipped, not a reason to drop the reply. */
const FIELD_LIMITS = { title: 200, body: 4000, concern: 60 } as const;

/** Text cut to `max` characters, ending in an ellipsis so a reader sees it was cut. */
function clip(text: string, max: number, counter: { fields: number }): string {
  if (text.length <= max) return text;
  counter.fields++;
  return `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Forgive what the schema would otherwise reject and a person would not care about: spelling
 * ("Nice to have", "Redis fallback") and over-long text. A model that writes a 5,000-character body
 * (or obeys a document asking for one) still said something useful in the first 4,000; failing the
 * whole persona over it — as a hard `max` did — lost every finding in the reply.
 */
export function normaliseReview(input: unknown, clipped: { fields: number }): unknown {
  if (typeof input !== 'object' || input === null || !Array.isArray((input as { findings?: unknown }).findings)) return input;
  const findings = (input as { findings: unknown[] }).findings.map((f) => {
    if (typeof f !== 'object' || f === null) return f;
    const out: Record<string, unknown> = { ...(f as Record<string, unknown>) };
    for (const key of ['severity', 'recommendation'] as const) {
      if (typeof out[key] === 'string') out[key] = (out[key] as string).trim().toLowerCase().replace(/\s+/g, '-');
    }
    if (typeof out['concern'] === 'string') {
      const concern = (out['concern'] as string)
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
      if (concern.length > FIELD_LIMITS.concern) clipped.fields++;
      out['concern'] = concern.slice(0, FIELD_LIMITS.concern).replace(/-+$/, '');
    }
    for (const key of ['title', 'body'] as const) {
      if (typeof out[key] === 'string') out[key] = clip(out[key] as string, FIELD_LIMITS[key], clipped);
    }
    return out;
  });
  const verdicts = (input as { verdicts?: unknown }).verdicts;
  const spelled = Array.isArray(verdicts)
    ? verdicts.map((v) =>
        typeof v === 'object' && v !== null && typeof (v as { verdict?: unknown }).verdict === 'string'
          ? {
              ...v,
              verdict: (v as { verdict: string }).verdict
                .trim()
                .toLowerCase()
                .replace(/[\s_]+/g, '-'),
            }
          : v,
      )
    : verdicts;
  return { ...(input as object), findings, ...(spelled === undefined ? {} : { verdicts: spelled }) };
}
