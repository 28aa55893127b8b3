import type { LineRange } from '../../documents/diff-revision.js';
import type { PlanDocument } from '../../documents/schema.js';
import { normaliseForMatch } from '../../findings/locate-quote.js';
import type { DraftFinding, Finding } from '../../findings/schema.js';
import { relocateAnchor } from '../../findings/relocate-anchor.js';
import { matchedTriggers } from '../../personas/matched-triggers.js';
import type { Persona } from '../../personas/schema.js';
import type { RevisionInput } from '../types.js';
import { listSectionUnits, type SectionUnit } from './list-section-units.js';
import { sectionCacheKey } from './section-cache-key.js';

export interface IncrementalCall {
  persona: Persona;
  /** Changed sections this persona has no remembered result for: what it is asked about. */
  units: SectionUnit[];
  keys: string[];
  /** Open findings on the changed sections this call verifies (its own, or ones no other call covers). */
  verify: Finding[];
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
/** Personas called per changed section when several match it equally well. */
const MAX_OWNERS = 2;

/**
 * Which personas a revision needs, and on which sections. Each changed section is read by the
 * persona(s) whose focus it concerns most — its triggers and the words of its focus line counted
 * in the section, a match in the heading counting three times; the open findings on the change are
 * verified inside those calls. When a section matches nobody's focus, the
 * first always-on persona reads it, so no change goes unreviewed. A persona is not called for a
 * changed section whose exact text (in the same outline) it reviewed before: its remembered
 * findings come back from the ledger instead.
 */
export function planIncrementalReview(doc: PlanDocument, personas: Persona[], revision: RevisionInput, model: string): IncrementalPlan {
  const { units, outlineHash } = listSectionUnits(doc);
  const touches = (u: SectionUnit): boolean => revision.changed.some((r) => r.startLine <= u.endLine && u.startLine <= r.endLine);
  const changedUnits = units.filter(touches);
  // Open findings on the change: their text is in a changed section, or gone (it existed in the
  // reviewed revision, so only this change can have removed or rewritten it).
  const openOnChange = revision.open.filter((f) => {
    if (f.anchor.level === 'document') return false;
    const now = relocateAnchor(f.anchor, doc);
    if (now === null || now.startLine === null) return revision.changed.length > 0;
    return changedUnits.some((u) => now.startLine! <= u.endLine && u.startLine <= (now.endLine ?? now.startLine!));
  });

  // Who reads each changed section: the persona(s) whose focus it concerns most.
  const owned = new Map<string, SectionUnit[]>();
  for (const unit of changedUnits) {
    const scored = personas.map((p) => ({ p, score: relevance(doc, unit, p) })).filter((x) => x.score > 0);
    const best = Math.max(0, ...scored.map((x) => x.score));
    const owners = best > 0 ? scored.filter((x) => x.score === best).slice(0, MAX_OWNERS).map((x) => x.p) : [personas.find((p) => p.engage.always) ?? personas[0]].filter((p): p is Persona => p !== undefined);
    for (const p of owners) owned.set(p.id, [...(owned.get(p.id) ?? []), unit]);
  }

  const calls: IncrementalCall[] = [];
  const remembered: DraftFinding[] = [];
  let rememberedSections = 0;
  for (const persona of personas.filter((p) => owned.has(p.id))) {
    const wanted: SectionUnit[] = [];
    const keys: string[] = [];
    for (const unit of owned.get(persona.id)!) {
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
    if (wanted.length > 0) calls.push({ persona, units: wanted, keys, verify: [] });
  }
  // Open findings on the change are verified in a review call already being made: their own
  // persona's when it reads the change, else the first one's. Whether the text now resolves a
  // concern is decided by the quoted evidence, not by who raised it; one call instead of one per
  // persona is what keeps a small edit cheap. Only when no review call is needed is one made for them.
  for (const f of openOnChange) {
    const call = calls.find((c) => c.persona.id === f.personas[0]) ?? calls[0];
    if (call) call.verify.push(f);
    else {
      const persona = personas.find((p) => p.id === f.personas[0]) ?? personas[0];
      if (persona) calls.push({ persona, units: [], keys: [], verify: [f] });
    }
  }
  const called = new Set(calls.map((c) => c.persona.id));
  const idle: IncrementalPlan['idle'] = personas
    .filter((p) => !called.has(p.id))
    .map((persona) => ({ persona, reason: owned.has(persona.id) ? 'not called: it reviewed these exact sections before (remembered result reused)' : 'not called: this revision does not change anything in its focus' }));

  return { changed: revision.changed, changedUnits, referenced: referencedUnits(doc, units, changedUnits, revision.changed), openOnChange, calls, idle, remembered, rememberedSections };
}

/** How much one section concerns a persona: distinct triggers and focus words it mentions, the heading's count three times. */
function relevance(doc: PlanDocument, unit: SectionUnit, p: Persona): number {
  const lines = doc.lines.slice(unit.startLine - 1, unit.endLine);
  const terms = { ...p, engage: { ...p.engage, triggers: [...new Set([...p.engage.triggers.map((t) => t.toLowerCase()), ...focusWords(p)])] } };
  const count = (text: string[]): number => matchedTriggers({ ...doc, lines: text, hiddenLines: new Set() }, terms).length;
  const heading = unit.label !== null ? count([lines[0] ?? '']) : 0;
  return count(lines) + 2 * heading;
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
