import type { PlanDocument } from '../documents/schema.js';

export interface QuoteLocation {
  startLine: number;
  endLine: number;
  method: 'exact' | 'normalised' | 'fuzzy';
  /** 1 for exact and normalised matches; the similarity for fuzzy ones. */
  score: number;
}

export interface QuoteHint {
  /** Prefer matches near this line (a model's or the previous revision's line). */
  line?: number | null;
  /** Restrict the fuzzy pass to these lines (the section the finding names). */
  within?: { startLine: number; endLine: number } | null;
}

const FUZZY_THRESHOLD = 0.82;

/** Markup a reader does not see and quoting often drops: emphasis, code ticks, list and quote markers, link targets. */
export function normaliseForMatch(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s*(?:>|#{1,6})\s*/gm, '')
    .replace(/[*_`~|]/g, '')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Find the lines a quote came from: exact text first, then the same words with markup and
 * whitespace ignored, then the most similar run of lines (within the hinted section when given).
 * Returns null rather than guess: a finding that cannot be placed must not land on a wrong line.
 */
export function locateQuote(doc: PlanDocument, quote: string, hint: QuoteHint = {}): QuoteLocation | null {
  const wanted = quote.replace(/\r\n?/g, '\n').trim();
  if (wanted.length === 0) return null;
  return wholeLineMatch(doc, wanted, hint) ?? exactMatch(doc, wanted, hint) ?? normalisedMatch(doc, wanted, hint) ?? fuzzyMatch(doc, wanted, hint);
}

/** Quotes are usually whole lines: a run of lines equal to the quote beats the same words inside a longer line. */
function wholeLineMatch(doc: PlanDocument, wanted: string, hint: QuoteHint): QuoteLocation | null {
  const quoteLines = wanted.split('\n').map((l) => l.trim());
  const first = quoteLines[0]!;
  const candidates: Array<{ startLine: number; endLine: number }> = [];
  for (let i = 0; i + quoteLines.length <= doc.lines.length; i++) {
    if (doc.lines[i]!.trim() !== first) continue;
    if (quoteLines.every((q, k) => doc.lines[i + k]!.trim() === q)) candidates.push({ startLine: i + 1, endLine: i + quoteLines.length });
  }
  const best = pickNearest(candidates, hint);
  return best ? { ...best, method: 'exact', score: 1 } : null;
}

function pickNearest(candidates: Array<{ startLine: number; endLine: number }>, hint: QuoteHint) {
  if (candidates.length === 0) return null;
  const inside = hint.within ? candidates.filter((c) => c.startLine >= hint.within!.startLine && c.endLine <= hint.within!.endLine) : [];
  const pool = inside.length > 0 ? inside : candidates;
  const target = hint.line ?? hint.within?.startLine ?? null;
  if (target === null) return pool[0]!;
  return pool.reduce((best, c) => (Math.abs(c.startLine - target) < Math.abs(best.startLine - target) ? c : best));
}

function exactMatch(doc: PlanDocument, wanted: string, hint: QuoteHint): QuoteLocation | null {
  const joined = doc.lines.join('\n');
  const lineStarts = lineStartOffsets(doc.lines);
  const candidates: Array<{ startLine: number; endLine: number }> = [];
  for (let at = joined.indexOf(wanted); at !== -1 && candidates.length < 50; at = joined.indexOf(wanted, at + 1)) {
    candidates.push({ startLine: lineAt(lineStarts, at), endLine: lineAt(lineStarts, at + wanted.length - 1) });
  }
  const best = pickNearest(candidates, hint);
  return best ? { ...best, method: 'exact', score: 1 } : null;
}

function normalisedMatch(doc: PlanDocument, wanted: string, hint: QuoteHint): QuoteLocation | null {
  const target = normaliseForMatch(wanted);
  if (target.length < 4) return null;
  // Normalise line by line and remember which line each character came from.
  let joined = '';
  const owner: number[] = [];
  doc.lines.forEach((line, i) => {
    const n = normaliseForMatch(line);
    if (n.length === 0) return;
    if (joined.length > 0) {
      joined += ' ';
      owner.push(i + 1);
    }
    joined += n;
    for (let k = 0; k < n.length; k++) owner.push(i + 1);
  });
  const candidates: Array<{ startLine: number; endLine: number }> = [];
  const wordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_]/u.test(c);
  for (let at = joined.indexOf(target); at !== -1 && candidates.length < 50; at = joined.indexOf(target, at + 1)) {
    // Words are not cut: "restricted" is not found inside "unrestricted".
    if ((wordChar(target[0]) && wordChar(joined[at - 1])) || (wordChar(target[target.length - 1]) && wordChar(joined[at + target.length]))) continue;
    candidates.push({ startLine: owner[at]!, endLine: owner[at + target.length - 1]! });
  }
  const best = pickNearest(candidates, hint);
  return best ? { ...best, method: 'normalised', score: 1 } : null;
}

function fuzzyMatch(doc: PlanDocument, wanted: string, hint: QuoteHint): QuoteLocation | null {
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

function lineStartOffsets(lines: string[]): number[] {
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
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
