import type { LineRange } from '../../documents/diff-revision.js';
import type { PlanDocument } from '../../documents/schema.js';
import { normaliseForMatch } from '../../findings/locate-quote.js';
import type { DraftFinding, Finding } from '../../findings/schema.js';
import { relocateAnchor } from '../../ledger/relocate-anchor.js';
import { matchedTriggers } from '../../panel/select-personas.js';
import type { Persona } from '../../personas/schema.js';
import type { RevisionInput } from '../types.js';
import { listSectionUnits, type SectionUnit } from './list-section-units.js';
import { sectionCacheKey } from './section-cache-key.js';

export interface IncrementalCall {
  persona: Persona;
  /** Changed sections this persona has no remembered result for: what it is asked about. */
  units: SectionUnit[];
  keys: string[];
}

export interface IncrementalPlan {
  changed: LineRange[];
  /** Sections holding a changed line, in document order. */
  changedUnits: SectionUnit[];
  /** Unchanged sections the changed text refers to (by heading name or #link), shown as context. */
  referenced: SectionUnit[];
  /** Open findings anchored in the changed sections: shown so personas do not raise them again. */
  openOnChange: Finding[];
  calls: IncrementalCall[];
  /** Personas whose focus the change does not touch, or whose every changed section is remembered. */
  idle: Array<{ persona: Persona; reason: string }>;
  /** Findings remembered for changed sections whose exact text and outline were reviewed before. */
  remembered: DraftFinding[];
  rememberedSections: number;
}

/** Longer words of a persona's focus line: "staged rollout, rollback" → rollout, rollback, staged. */
const STOP = new Set(['about', 'their', 'there', 'these', 'those', 'which', 'while', 'whether', 'where', 'would', 'could', 'should', 'other', 'whole', 'between', 'within', 'without', 'every', 'thing', 'things', 'change', 'changes', 'design', 'system', 'systems', 'plan', 'plans']);
const MAX_REFERENCED = 3;

/**
 * Which personas a revision needs, and on which sections. A persona is called when the changed
 * sections touch its focus — one of its triggers, or a word of its focus line, appears in them —
 * or when it already has an open finding there; when the change touches nobody's focus, the first
 * always-on persona still reads it, so no change goes unreviewed. For each called persona, changed
 * sections whose exact text (in the same outline) it reviewed before are not asked again: their
 * remembered findings come back from the ledger instead.
 */
export function planIncrementalReview(doc: PlanDocument, personas: Persona[], revision: RevisionInput, model: string): IncrementalPlan {
  const { units, outlineHash } = listSectionUnits(doc);
  const touches = (u: SectionUnit): boolean => revision.changed.some((r) => r.startLine <= u.endLine && u.startLine <= r.endLine);
  const changedUnits = units.filter(touches);
  const openOnChange = revision.open.filter((f) => {
    const now = f.anchor.level === 'document' ? null : relocateAnchor(f.anchor, doc);
    return now !== null && now.startLine !== null && changedUnits.some((u) => now.startLine! <= u.endLine && u.startLine <= (now.endLine ?? now.startLine!));
  });

  const changedText: PlanDocument = { ...doc, lines: changedUnits.flatMap((u) => doc.lines.slice(u.startLine - 1, u.endLine)), hiddenLines: new Set() };
  const raisedHere = new Set(openOnChange.flatMap((f) => f.personas));
  const touched = (p: Persona): boolean =>
    raisedHere.has(p.id) || matchedTriggers(changedText, p).length > 0 || matchedTriggers(changedText, { ...p, engage: { ...p.engage, triggers: focusWords(p) } }).length > 0;
  let relevant = personas.filter(touched);
  if (relevant.length === 0 && changedUnits.length > 0) relevant = [personas.find((p) => p.engage.always) ?? personas[0]!].filter(Boolean);

  const calls: IncrementalCall[] = [];
  const idle: IncrementalPlan['idle'] = personas.filter((p) => !relevant.includes(p)).map((persona) => ({ persona, reason: 'not called: this revision does not change anything in its focus' }));
  const remembered: DraftFinding[] = [];
  let rememberedSections = 0;
  for (const persona of relevant) {
    const wanted: SectionUnit[] = [];
    const keys: string[] = [];
    for (const unit of changedUnits) {
      const key = sectionCacheKey(persona, model, unit.textHash, outlineHash);
      const ids = revision.cache.get(key);
      if (ids === undefined) {
        wanted.push(unit);
        keys.push(key);
        continue;
      }
      rememberedSections++;
      for (const id of ids) {
        const known = revision.known.get(id);
        const anchor = known ? relocateAnchor(known.anchor, doc) : null;
        if (known && anchor) remembered.push({ ...toDraft(known), anchor });
      }
    }
    if (wanted.length > 0) calls.push({ persona, units: wanted, keys });
    else idle.push({ persona, reason: 'not called: it reviewed these exact sections before (remembered result reused)' });
  }

  return { changed: revision.changed, changedUnits, referenced: referencedUnits(doc, units, changedUnits, revision.changed), openOnChange, calls, idle, remembered, rememberedSections };
}

function focusWords(p: Persona): string[] {
  const words = p.focus.toLowerCase().match(/[\p{L}][\p{L}-]{4,}/gu) ?? [];
  return [...new Set(words.map((w) => w.replace(/(?:es|s)$/, '')).filter((w) => w.length >= 5 && !STOP.has(w)))];
}

/**
 * Sections the changed lines name: a `#slug` link to their heading, or their heading text in the
 * changed lines ("see Rollback"). Headings of a word or two that any sentence might contain
 * ("Goals") count only as links.
 */
function referencedUnits(doc: PlanDocument, units: SectionUnit[], changedUnits: SectionUnit[], changed: LineRange[]): SectionUnit[] {
  const text = changed.flatMap((r) => doc.lines.slice(r.startLine - 1, r.endLine)).join('\n');
  const plain = ` ${normaliseForMatch(text)} `;
  const links = new Set([...text.matchAll(/\]\(#([^)\s]+)\)/g)].map((m) => m[1]!.toLowerCase()));
  const out: SectionUnit[] = [];
  for (const unit of units) {
    if (changedUnits.includes(unit) || unit.label === null) continue;
    const title = unit.label.split(' › ').pop()!;
    const named = normaliseForMatch(title);
    const slug = title.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').trim().replace(/\s/g, '-');
    const byName = named.length >= 8 && plain.includes(` ${named} `);
    if (links.has(slug) || byName) out.push(unit);
    if (out.length >= MAX_REFERENCED) break;
  }
  return out;
}

function toDraft(f: Finding): DraftFinding {
  const { id: _id, engines: _engines, ...rest } = f;
  return { ...rest, engine: 'claude' };
}
