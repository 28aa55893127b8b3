import type { PlanDocument } from '../../../documents/schema.js';

export interface Token {
  /** Lower-cased word. */
  word: string;
  start: number;
  end: number;
}

export interface IndexedLine {
  line: number;
  raw: string;
  tokens: Token[];
  /** Part of what the plan commits to: not in non-goals, alternatives, prior art or open questions. */
  active: boolean;
  heading: boolean;
}

export interface DocumentIndex {
  doc: PlanDocument;
  lines: IndexedLine[];
  /** Lines of `lines` the plan commits to (see IndexedLine.active). */
  active: ReadonlySet<number>;
  /** Heading lines, active or not. */
  headings: ReadonlySet<number>;
  /** word → [line index, token index] of every occurrence. */
  positions: Map<string, Array<[number, number]>>;
  /** Term-list results, computed once per document (many concerns share vocabularies). */
  memo: Map<string, unknown>;
}

const WORD = /[\p{L}\p{N}]+/gu;

// Sections whose text describes what the plan will NOT build: mentions there are not designs.
const INACTIVE_HEADING =
  /\b(?:non[- ]?goals?|out[- ]of[- ]scope|not in scope|alternatives?|rejected|prior art|future (?:work|improvements?|possibilities)|related work|references|open questions|unresolved questions|considered (?:options|designs)|what we (?:won't|will not) do)\b/iu;
// The same as a bold pseudo-heading or a lead-in inside a list: "**Non-goals:**", "Out of scope:".
const INACTIVE_LEAD =
  /^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*|__)?(?:non[- ]?goals?|out[- ]of[- ]scope|not in scope|alternatives? considered|rejected alternatives?|we (?:will|do) not)\b[^:]{0,20}:/iu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) out.push({ word: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  return out;
}

/** Words of every visible line, with the lines a plan does not commit to marked inactive. */
export function indexDocument(doc: PlanDocument): DocumentIndex {
  const inactive = new Set<number>();
  for (const s of doc.sections) {
    if (INACTIVE_HEADING.test(s.title)) for (let l = s.headingLine; l <= s.endLine; l++) inactive.add(l);
  }
  const headingLines = new Set(doc.sections.map((s) => s.headingLine));
  // YAML front matter is metadata (title, owners, status), not the design.
  if (doc.lines[0]?.trim() === '---') {
    const close = doc.lines.findIndex((l, i) => i > 0 && i < 80 && /^(?:---|\.\.\.)\s*$/.test(l));
    if (close > 0) for (let l = 1; l <= close + 1; l++) inactive.add(l);
  }
  // A lead-in ("Out of scope:") governs itself and the list or paragraph right after it.
  for (let i = 0; i < doc.lines.length; i++) {
    if (!INACTIVE_LEAD.test(doc.lines[i]!)) continue;
    const line = doc.lines[i]!;
    inactive.add(i + 1);
    // "Out of scope: caching" governs only itself; "Out of scope:" the lines that follow.
    const rest = line.slice(line.indexOf(':') + 1).replace(/^\s*(?:\*\*|__)?/, '');
    if (/\S/.test(rest) && !/:\s*(?:\*\*|__)?\s*$/.test(line)) continue;
    for (let j = i + 1; j < doc.lines.length && doc.lines[j]!.trim() !== '' && !headingLines.has(j + 1); j++) inactive.add(j + 1);
  }

  const lines: IndexedLine[] = [];
  const positions = new Map<string, Array<[number, number]>>();
  doc.lines.forEach((raw, i) => {
    const line = i + 1;
    if (doc.hiddenLines.has(line) || raw.trim() === '') return;
    const tokens = tokenize(raw);
    const at = lines.length;
    tokens.forEach((t, k) => {
      let list = positions.get(t.word);
      if (!list) positions.set(t.word, (list = []));
      list.push([at, k]);
    });
    lines.push({ line, raw, tokens, active: !inactive.has(line), heading: headingLines.has(line) });
  });
  const active = new Set(lines.filter((l) => l.active).map((l) => l.line));
  const headings = new Set(lines.filter((l) => l.heading).map((l) => l.line));
  return { doc, lines, active, headings, positions, memo: new Map() };
}

const indexes = new WeakMap<PlanDocument, DocumentIndex>();

/**
 * The document's index, built once per parsed document: a revision's reconciliation re-runs one
 * concern per ledger entry and looks for fix evidence, which would otherwise re-index the text
 * each time on the loop that answers webhooks.
 */
export function indexOf(doc: PlanDocument): DocumentIndex {
  let index = indexes.get(doc);
  if (!index) indexes.set(doc, (index = indexDocument(doc)));
  return index;
}
