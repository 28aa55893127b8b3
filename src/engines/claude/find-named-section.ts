import { sectionLabel } from '../../documents/find-section.js';
import type { PlanDocument, Section } from '../../documents/schema.js';
import { normaliseForMatch } from '../../findings/normalise-for-match.js';

/**
 * The section a model named: its full heading path ("Design › Migration", also with ">" or "/"),
 * or just its heading text, ignoring markup, "#" marks and case. null when nothing matches.
 */
export function findNamedSection(doc: PlanDocument, name: string | null | undefined): Section | null {
  if (!name || name.trim().length === 0) return null;
  const norm = (s: string): string => normaliseForMatch(s.replace(/^\s*#{1,6}\s*/, ''));
  const parts = name.split(/\s*(?:›|>|\/)\s*/).filter((p) => p.trim().length > 0);
  const wantedPath = parts.map(norm).join(' › ');
  const wantedTitle = norm(parts[parts.length - 1] ?? name);
  const byPath = doc.sections.find((s) => s.path.map(norm).join(' › ') === wantedPath);
  if (byPath) return byPath;
  const byTitle = doc.sections.find((s) => norm(s.title) === wantedTitle);
  if (byTitle) return byTitle;
  const whole = norm(name);
  return doc.sections.find((s) => norm(sectionLabel(s) ?? '') === whole || norm(s.title) === whole) ?? null;
}
