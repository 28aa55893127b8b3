import type { PlanDocument } from '../documents/schema.js';
import { normaliseForMatch } from './normalise-for-match.js';
import type { QuoteHint, QuoteLocation } from './quote-location.js';

const FUZZY_THRESHOLD = 0.82;

/** The most similar run of lines (about as many as the quote has), when similar enough to trust. */
export function fuzzyMatchQuote(doc: PlanDocument, wanted: string, hint: QuoteHint): QuoteLocation | null {
  const target = normaliseForMatch(wanted);
  if (target.length < 12) return null;
  const span = Math.max(1, wanted.split('\n').length);
  // A hinted range is a hint, not a licence to leave the document.
  const from = Math.max(1, hint.within?.startLine ?? 1);
  const to = Math.min(doc.lines.length, hint.within?.endLine ?? doc.lines.length);
  const targetGrams = bigrams(target);
  let best: QuoteLocation | null = null;
  for (let start = from; start <= to; start++) {
    for (let len = Math.max(1, span - 1); len <= span + 1 && start + len - 1 <= to; len++) {
      const text = normaliseForMatch(doc.lines.slice(start - 1, start - 1 + len).join('\n'));
      if (text.length === 0) continue;
      const score = Math.max(dice(targetGrams, bigrams(text)), len === span ? sharedPrefix(target, text) : 0);
      if (score >= FUZZY_THRESHOLD && (best === null || score > best.score)) {
        best = { startLine: start, endLine: start + len - 1, method: 'fuzzy', score };
      }
    }
  }
  return best;
}

/**
 * How much of the quote survives as the start of the text: fixes often append to a line
 * ("REFERENCES teams(id)" → "REFERENCES teams(id) ON DELETE CASCADE"), which bigram similarity
 * undervalues. Only a long shared start counts.
 */
function sharedPrefix(target: string, text: string): number {
  let n = 0;
  const max = Math.min(target.length, text.length);
  while (n < max && target[n] === text[n]) n++;
  const core = target.replace(/[\s,.;:]+$/, '').length;
  return n >= Math.max(12, 0.9 * core) ? Math.min(1, n / core) : 0;
}

function bigrams(text: string): Map<string, number> {
  const grams = new Map<string, number>();
  for (let i = 0; i < text.length - 1; i++) {
    const g = text.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Sørensen–Dice similarity over character bigrams: robust to small edits and reordering. */
function dice(a: Map<string, number>, b: Map<string, number>): number {
  let overlap = 0;
  let total = 0;
  for (const [g, n] of a) {
    overlap += Math.min(n, b.get(g) ?? 0);
    total += n;
  }
  for (const n of b.values()) total += n;
  return total === 0 ? 0 : (2 * overlap) / total;
}
