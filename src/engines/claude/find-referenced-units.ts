import type { LineRange } from '../../documents/diff-revision.js';
import type { PlanDocument } from '../../documents/schema.js';
import { normaliseForMatch } from '../../findings/normalise-for-match.js';
import type { SectionUnit } from './list-section-units.js';

const MAX_REFERENCED = 3;

/**
 * Sections the changed lines name: a `#slug` link to their heading, or their heading text in the
 * changed lines ("see Rollback"). Headings of a word or two that any sentence might contain
 * ("Goals") count only as links.
 */
export function findReferencedUnits(doc: PlanDocument, units: SectionUnit[], changedUnits: SectionUnit[], changed: LineRange[]): SectionUnit[] {
  const text = changed.flatMap((r) => doc.lines.slice(r.startLine - 1, r.endLine)).join('\n');
  const plain = ` ${normaliseForMatch(text)} `;
  const links = new Set([...text.matchAll(/\]\(#([^)\s]+)\)/g)].map((m) => m[1]!.toLowerCase()));
  const out: SectionUnit[] = [];
  for (const unit of units) {
    if (changedUnits.includes(unit) || unit.label === null) continue;
    const title = unit.label.split(' › ').pop()!;
    const named = normaliseForMatch(title);
    const slug = title
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .trim()
      .replace(/\s/g, '-');
    const byName = named.length >= 8 && plain.includes(` ${named} `);
    if (links.has(slug) || byName) out.push(unit);
    if (out.length >= MAX_REFERENCED) break;
  }
  return out;
}
