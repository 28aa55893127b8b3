import { anchorsOverlap } from './anchors-overlap.js';
import { fingerprint } from './fingerprint.js';
import { type DraftFinding, type Finding, SEVERITY_RANK } from './schema.js';

/**
 * Drafts from every persona and engine → one finding per concern and place. Two drafts merge when
 * they sit in the same file and either share a concern at the same place, or overlap in lines and
 * say much the same thing (engines name concerns differently). The merged finding keeps the most
 * severe wording and credits every persona and engine that raised it.
 */
export function mergeFindings(drafts: DraftFinding[]): Finding[] {
  const groups: DraftFinding[][] = [];
  for (const draft of drafts) {
    const group = groups.find((g) => g.some((other) => sameFinding(draft, other)));
    if (group) group.push(draft);
    else groups.push([draft]);
  }

  const occurrences = new Map<string, number>();
  return groups.map((group) => {
    const lead = [...group].sort(
      (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.engine === b.engine ? 0 : a.engine === 'claude' ? -1 : 1),
    )[0]!;
    const base = fingerprint(lead.concern, lead.anchor);
    const seen = occurrences.get(base) ?? 0;
    occurrences.set(base, seen + 1);
    const { engine: _engine, ...rest } = lead;
    return {
      ...rest,
      id: seen === 0 ? base : fingerprint(lead.concern, lead.anchor, seen),
      personas: unique([...lead.personas, ...group.flatMap((d) => d.personas)]),
      engines: unique([lead.engine, ...group.map((d) => d.engine)]),
      suggestion: lead.suggestion ?? group.find((d) => d.suggestion)?.suggestion ?? null,
    };
  });
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function samePlace(a: DraftFinding, b: DraftFinding): boolean {
  if (a.anchor.path !== b.anchor.path) return false;
  if (a.anchor.level === 'line' && b.anchor.level === 'line') return anchorsOverlap(a.anchor, b.anchor);
  return a.anchor.level === b.anchor.level && a.anchor.section === b.anchor.section;
}

function sameFinding(a: DraftFinding, b: DraftFinding): boolean {
  if (a.concern === b.concern && a.ruleId === b.ruleId && samePlace(a, b)) return true;
  if (a.anchor.path !== b.anchor.path || a.engine === b.engine) return false;
  // Across engines the concern names differ; near-identical wording on the same lines is the signal.
  const placed = a.anchor.level === 'line' && b.anchor.level === 'line' ? anchorsOverlap(a.anchor, b.anchor, 1) : samePlace(a, b);
  return placed && similarity(words(`${a.title} ${a.body}`), words(`${b.title} ${b.body}`)) >= 0.3;
}

const STOP = new Set(['the', 'and', 'for', 'with', 'that', 'this', 'are', 'not', 'but', 'from', 'have', 'has', 'will', 'can', 'when', 'what', 'how', 'plan', 'there', 'which', 'into', 'should', 'must', 'does', 'without', 'about']);

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 2 && !STOP.has(w))
      .map((w) => w.slice(0, 6)),
  );
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / Math.min(a.size, b.size);
}
