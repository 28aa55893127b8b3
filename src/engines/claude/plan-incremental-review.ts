import type { LineRange } from '../../documents/diff-revision.js';
import type { PlanDocument } from '../../documents/schema.js';
import type { DraftFinding, Finding } from '../../findings/schema.js';
import { relocateAnchor } from '../../findings/relocate-anchor.js';
import type { Persona } from '../../personas/schema.js';
import type { RevisionInput } from '../types.js';
import { assignSectionOwners } from './assign-section-owners.js';
import { findReferencedUnits } from './find-referenced-units.js';
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

  const owned = assignSectionOwners(doc, personas, changedUnits);

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
    .map((persona) => ({
      persona,
      reason: owned.has(persona.id)
        ? 'not called: it reviewed these exact sections before (remembered result reused)'
        : 'not called: this revision does not change anything in its focus',
    }));

  return {
    changed: revision.changed,
    changedUnits,
    referenced: findReferencedUnits(doc, units, changedUnits, revision.changed),
    openOnChange,
    calls,
    idle,
    remembered,
    rememberedSections,
  };
}

function toDraft(f: Finding): DraftFinding {
  const { id: _id, engines: _engines, ...rest } = f;
  return { ...rest, engine: 'claude' };
}
