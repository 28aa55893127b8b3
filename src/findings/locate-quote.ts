import type { PlanDocument } from '../documents/schema.js';
import { fuzzyMatchQuote } from './fuzzy-match-quote.js';
import { normaliseForMatch } from './normalise-for-match.js';
import type { QuoteHint, QuoteLocation } from './quote-location.js';

/**
 * Find the lines a quote came from: exact text first, then the same words with markup and
 * whitespace ignored, then the most similar run of lines (within the hinted section when given).
 * Returns null rather than guess: a finding that cannot be placed must not land on a wrong line.
 */
export function locateQuote(doc: PlanDocument, quote: string, hint: QuoteHint = {}): QuoteLocation | null {
  const wanted = quote.replace(/\r\n?/g, '\n').trim();
  if (wanted.length === 0) return null;
  return wholeLineMatch(doc, wanted, hint) ?? exactMatch(doc, wanted, hint) ?? normalisedMatch(doc, wanted, hint) ?? fuzzyMatchQuote(doc, wanted, hint);
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
