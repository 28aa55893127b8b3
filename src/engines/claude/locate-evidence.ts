import type { PlanDocument } from '../../documents/schema.js';
import { locateQuote } from '../../findings/locate-quote.js';
import { normaliseForMatch } from '../../findings/normalise-for-match.js';
import type { Chunk } from './split-into-chunks.js';
import { stripLineNumbers } from './strip-line-numbers.js';

/** Shorter than this (normalised) a quote matches too much to prove anything. */
const MIN_EVIDENCE_CHARS = 8;

export interface LocatedQuote {
  /** The quote on one line, clipped for a thread reply. */
  text: string;
  lines: [number, number];
}

/**
 * Where a model's quote is in the text a reader sees (hidden content blanked): the same text, or
 * the same words with markup and whitespace ignored. A fuzzy look-alike is not accepted: "does not
 * fall back" is very similar to "falls back", and evidence must be the document's own words.
 */
export function locateEvidence(
  doc: PlanDocument,
  visibleLines: readonly string[],
  quote: string | null | undefined,
  within: Chunk | null = null,
): LocatedQuote | null {
  const wanted = stripLineNumbers(quote ?? '').trim();
  if (normaliseForMatch(wanted).length < MIN_EVIDENCE_CHARS) return null;
  const visible: PlanDocument = { ...doc, lines: [...visibleLines] };
  const found = locateQuote(visible, wanted, { within: within ? { startLine: within.startLine, endLine: within.endLine } : null });
  if (!found || found.method === 'fuzzy') return null;
  return { text: clip(wanted.replace(/\s+/g, ' ')), lines: [found.startLine, found.endLine] };
}

function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
