import { fingerprint } from './fingerprint.js';
import { sameFinding } from './same-finding.js';
import { type DraftFinding, type Finding, SEVERITY_RANK } from './schema.js';

/**
 * Drafts from every persona and engine → one finding per concern and place. Two drafts merge when
 * they sit in the same file and either share a concern at the same place, or overlap in lines and
 * say much the same thing (engines name concerns differently). The merged finding keeps the most
 * severe wording and credits every persona and engine that raised it.
 */
export function mergeFindings(drafts: DraftFinding[]): Finding[] {
  const groups: DraftFinding[][] = [];
  // Only drafts at the same place can merge: groups are indexed by the lines (±1, the cross-engine
  // slack) or the section they cover, so a draft is compared with its neighbours, not with every
  // group — 60,000 checklist drafts on one document took 27 s of the webhook loop when compared pairwise.
  const byPlace = new Map<string, number[]>();
  const placesOf = (d: DraftFinding): string[] => {
    const a = d.anchor;
    if (a.level === 'line' && a.startLine !== null && a.endLine !== null) {
      const keys: string[] = [];
      for (let l = a.startLine; l <= a.endLine; l++) keys.push(`${a.path}\u0000${l}`);
      return keys;
    }
    return [`${a.path}\u0000${a.level}\u0000${a.section ?? ''}`];
  };
  const candidatesOf = (d: DraftFinding): number[] => {
    const a = d.anchor;
    const keys =
      a.level === 'line' && a.startLine !== null && a.endLine !== null
        ? [`${a.path}\u0000${a.startLine - 1}`, ...placesOf(d), `${a.path}\u0000${a.endLine + 1}`]
        : placesOf(d);
    const found = new Set<number>();
    for (const key of keys) for (const i of byPlace.get(key) ?? []) found.add(i);
    return [...found].sort((x, y) => x - y);
  };
  for (const draft of drafts) {
    // The first group (in order of creation) holding a matching draft, as a full scan would find.
    const index = candidatesOf(draft).find((i) => groups[i]!.some((other) => sameFinding(draft, other)));
    const at = index ?? groups.length;
    if (index === undefined) groups.push([draft]);
    else groups[index]!.push(draft);
    for (const key of placesOf(draft)) {
      const list = byPlace.get(key) ?? [];
      if (list.at(-1) !== at) list.push(at);
      byPlace.set(key, list);
    }
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
