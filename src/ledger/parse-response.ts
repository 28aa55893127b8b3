export interface ResponseClaim {
  /** The heading or first line of the item, as the author wrote it. */
  heading: string;
  /** The author's words for the finding ("Your finding: …"), when given. */
  quotedFinding: string | null;
  /** A 12-hex finding id mentioned in the item. */
  findingId: string | null;
  /** "#3" / "Finding 3": the number in the summary table. */
  number: number | null;
  status: 'addressed' | 'wont-fix' | 'unclear';
  /** Claimed lines in the plan ("Location: Lines 127-186"). */
  lines: [number, number] | null;
  /** The claimed location's file, when named. */
  path: string | null;
  resolution: string;
}

const LOCATION =
  /\blocation\s*:?\**\s*(?:`?([\w./-]+\.md)`?\s*,?\s*)?lines?\s+(\d+)\s*(?:[-–—]|to)\s*(\d+)|\blocation\s*:?\**\s*(?:`?([\w./-]+\.md)`?\s*,?\s*)?line\s+(\d+)/i;

/**
 * An author's response to a review (seed style: "### ✅ Critical: Backfill Strategy … Location:
 * Lines 127-186"), one claim per heading or top-level list item. Unparseable text yields no claims
 * rather than guesses.
 */
export function parseResponse(text: string): ResponseClaim[] {
  const body = text.replace(/\r\n?/g, '\n');
  const chunks = body.split(/\n(?=#{2,4}\s)/).filter((c) => /^#{2,4}\s/.test(c));
  const items = chunks.length > 0 ? chunks : body.split(/\n(?=[-*]\s|\d+[.)]\s)/);
  const claims: ResponseClaim[] = [];
  for (const chunk of items) {
    const heading = (chunk.split('\n')[0] ?? '').replace(/^#{2,4}\s+|^[-*]\s+|^\d+[.)]\s+/, '').trim();
    const loc = LOCATION.exec(chunk);
    const id = /\b([0-9a-f]{12})\b/.exec(chunk)?.[1] ?? null;
    const number = /(?:^|\s)(?:#|finding\s+)(\d{1,3})\b/i.exec(heading)?.[1];
    const quoted = /your (?:finding|question)\**\s*:?\**\s*[“"]?([^\n”"]+)/i.exec(chunk)?.[1]?.trim() ?? null;
    if (!loc && !id && !quoted && number === undefined) continue;
    const status = /❌|won'?t fix|not addressed|declin|accept(?:ed)? (?:the )?risk/i.test(chunk)
      ? 'wont-fix'
      : /✅|addressed|fixed|resolved|added|done/i.test(chunk)
        ? 'addressed'
        : 'unclear';
    const lines: [number, number] | null = loc ? (loc[2] ? [Number(loc[2]), Number(loc[3])] : [Number(loc[5]), Number(loc[5])]) : null;
    claims.push({
      heading,
      quotedFinding: quoted,
      findingId: id,
      number: number === undefined ? null : Number(number),
      status,
      lines,
      path: loc?.[1] ?? loc?.[4] ?? null,
      resolution: (/\*\*resolution:?\*\*:?\s*([\s\S]*?)(?:\n\*\*|\n#|$)/i.exec(chunk)?.[1] ?? '').trim(),
    });
  }
  return claims;
}
