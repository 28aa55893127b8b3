import { findSection } from '../../../documents/find-section.js';
import type { PlanDocument, Section } from '../../../documents/schema.js';
import { documentAnchor, lineAnchor, sectionAnchor } from '../../../findings/make-anchor.js';
import type { RuleHit } from '../rule-hit.js';
import { activeHits } from './active-hits.js';
import { quoteClause } from './quote-clause.js';
import type { TermHit } from './term-hit.js';
import type { DocumentIndex } from './index-document.js';
import type { CompiledConcern } from './load-catalogue.js';
import { handledHits } from './handled-hits.js';
import { handledInSection } from './handled-in-section.js';
import { mentionsOf } from './mentions-of.js';
import { placeConcern } from './place-concern.js';
import { riskSitesOf } from './risk-sites-of.js';
import { findCauseLine } from './find-cause-line.js';

/**
 * A concern whose risk wording is not in the plan may still sit on a line that says the same thing
 * in other words: a line of a section naming the component (its own lines get a bonus) that shares
 * at least SIMILAR_WORDS of the concern's rarer words, by spelling or by meaning, scoring
 * SIMILAR_MIN (rarity-weighted, as the cause line). Chosen on the seven eval sets: +11 expected
 * items for +143 findings; a second blind set of risky sentences went from 112 to 122 of 200
 * recognised. Looking at the whole section rather than the naming lines: 386 → 394 placed items
 * over the scored blind sets, probe-2 133 → 140.
 */
const SIMILAR_MIN = 8;
const SIMILAR_WORDS = 3;

export interface CatalogueHit extends RuleHit {
  /** The component as the plan names it, for `{component}`. */
  component: string;
  /** The clause of the plan around the risk wording (or the component), for `{clause}`. */
  clause: string;
  /** Set when no risk wording matched and the line was chosen for what it says (its similarity score). */
  inferred?: number;
}

const sectionAt = (doc: PlanDocument, headingLine: number): Section | null => doc.sections.find((s) => s.headingLine === headingLine) ?? null;

function within(hits: TermHit[], section: Section | null): TermHit[] {
  return section ? hits.filter((h) => h.line >= section.startLine && h.line <= section.endLine) : hits;
}

/** The line as a short quote for `{match}`: list marker dropped, cut at a word before 70 characters. */
function shortQuote(raw: string): string {
  const line = raw.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').trim();
  if (line.length <= 70) return line;
  const cut = line.slice(0, 70);
  const space = cut.lastIndexOf(' ');
  return `${(space > 20 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The words of a term list without the regular-expression syntax around them (escapes, groups, quantifiers). */
function readableWords(terms: string): string {
  return terms.replace(/\\[A-Za-z]/g, ' ').replace(/[()?:|*+[\]{}^$\\/.,=!<>-]/g, ' ');
}

/**
 * The lines an inferred finding may sit on, per component and document (every concern of the
 * component asks the same): the lines naming it, and every line under the same heading as one of
 * them, in document order. The decision often sits a sentence or a bullet away from the name
 * ("Redis holds the queue." … "Persistence: appendonly no."). A question ("Does enabling the
 * feature change any default?") asks; it does not decide.
 */
function linesToInferOn(index: DocumentIndex, mentions: TermHit[]): { named: ReadonlySet<number>; around: readonly number[] } {
  // Keyed by the mentions list itself, which mentionsOf memoises per component and document.
  let byMentions = index.memo.get('infer-on') as WeakMap<TermHit[], { named: ReadonlySet<number>; around: readonly number[] }> | undefined;
  if (!byMentions) index.memo.set('infer-on', (byMentions = new WeakMap()));
  const known = byMentions.get(mentions);
  if (known) return known;
  const decides = (l: number): boolean => !index.headings.has(l) && !/\?\**\s*$/.test(index.doc.lines[l - 1] ?? '');
  const named = new Set(mentions.map((m) => m.line).filter(decides));
  const around = new Set<number>();
  const last = index.doc.lines.length;
  for (const l of named) {
    if (around.has(l)) continue;
    let from = l;
    let to = l;
    while (from > 1 && !index.headings.has(from - 1)) from--;
    while (to < last && !index.headings.has(to + 1)) to++;
    for (let k = from; k <= to; k++) if (decides(k)) around.add(k);
  }
  const lines = { named, around: [...around].sort((a, b) => a - b) };
  byMentions.set(mentions, lines);
  return lines;
}

/** What a concern says, as the inferred route compares it with a line (built once per concern). */
const INFERENCE_TEXT = new WeakMap<CompiledConcern, string>();
function inferenceText(c: CompiledConcern): string {
  let text = INFERENCE_TEXT.get(c);
  if (text === undefined) {
    text = `${c.concern.title} ${c.concern.body} ${readableWords(c.risk?.terms.join(' ') ?? '')}`.replace(/\{(?:component|match|clause)\}/g, ' ');
    INFERENCE_TEXT.set(c, text);
  }
  return text;
}

/**
 * One concern on one document: the plan uses the component, says what creates the risk (when the
 * concern names such wording), meets every `requires`, and nowhere shows it is handled.
 */
export function runConcern(index: DocumentIndex, c: CompiledConcern, riskAt?: TermHit): CatalogueHit | null {
  const mentions = mentionsOf(index, c);
  if (mentions.length < c.component.minMentions) return null;
  // Where the plan introduces the component: the first prose mention, else the first heading naming it.
  const use = mentions.find((m) => !index.headings.has(m.line)) ?? mentions[0];
  if (!use) return null;
  if (!c.requires.every((r) => activeHits(index, r.match(index)).length > 0)) return null;
  // A heading names a topic ("## Refunds"); the sentence under it is what creates the risk.
  let risk = riskAt ?? riskSitesOf(index, c)[0] ?? null;
  let inferred: number | undefined;
  if (c.risk && !risk) {
    const { named, around } = linesToInferOn(index, mentions);
    const near = findCauseLine(index, inferenceText(c), named, SIMILAR_MIN, { onlyLines: around, minWords: SIMILAR_WORDS, concepts: c.concepts });
    if (near) {
      risk = { line: near.line, text: (index.doc.lines[near.line - 1] ?? '').trim() };
      inferred = near.score;
    }
  }
  if (c.risk && !risk) return null;

  const handled = handledHits(index, c);
  // Handled somewhere in the document: no need to find where the finding would have sat.
  const inSection = handledInSection(c);
  if (!inSection && handled.length > 0) return null;

  const doc = index.doc;
  const at = placeConcern(index, c, risk, use, new Set(mentions.map((m) => m.line)));
  let anchorSection: Section | null = null;
  if (c.concern.anchor === 'section') {
    const headed = c.heading ? activeHits(index, c.heading.match(index)).find((h) => index.headings.has(h.line)) : undefined;
    anchorSection = (headed && sectionAt(doc, headed.line)) || findSection(doc, at.line);
  }

  const scope = inSection ? (anchorSection ?? findSection(doc, at.line)) : null;
  if (within(handled, scope).length > 0) return null;

  const said = risk ?? use;
  const base = {
    ruleId: c.id,
    match: inferred === undefined ? said.text : shortQuote(said.text),
    component: use.text,
    clause: quoteClause(doc.lines[said.line - 1] ?? '', said.text),
    ...(inferred === undefined ? {} : { inferred }),
  };
  if (at.via === 'cause' && c.concern.anchor !== 'line') return { ...base, anchor: lineAnchor(doc, at.line) };
  if (c.concern.anchor === 'document') return { ...base, anchor: documentAnchor(doc) };
  if (c.concern.anchor === 'section') return { ...base, anchor: anchorSection ? sectionAnchor(doc, anchorSection) : documentAnchor(doc) };
  // Named only in a heading (often the title): the finding is about that whole section, not its heading line.
  if (at.via === 'use' && index.headings.has(use.line)) return { ...base, anchor: sectionAnchor(doc, sectionAt(doc, use.line)) };
  return { ...base, anchor: lineAnchor(doc, at.line) };
}
