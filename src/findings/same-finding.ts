import { anchorsOverlap } from './anchors-overlap.js';
import type { DraftFinding } from './schema.js';

function samePlace(a: DraftFinding, b: DraftFinding): boolean {
  if (a.anchor.path !== b.anchor.path) return false;
  if (a.anchor.level === 'line' && b.anchor.level === 'line') return anchorsOverlap(a.anchor, b.anchor);
  return a.anchor.level === b.anchor.level && a.anchor.section === b.anchor.section;
}

/** Two drafts are one finding: the same concern at the same place, or (across engines) overlapping lines and much the same wording. */
export function sameFinding(a: DraftFinding, b: DraftFinding): boolean {
  if (a.concern === b.concern && a.ruleId === b.ruleId && samePlace(a, b)) return true;
  if (a.anchor.path !== b.anchor.path || a.engine === b.engine) return false;
  // Across engines the concern names differ; near-identical wording on the same lines is the signal.
  const placed = a.anchor.level === 'line' && b.anchor.level === 'line' ? anchorsOverlap(a.anchor, b.anchor, 1) : samePlace(a, b);
  return placed && similarity(words(`${a.title} ${a.body}`), words(`${b.title} ${b.body}`)) >= 0.3;
}

const STOP = new Set([
  'the',
  'and',
  'for',
  'with',
  'that',
  'this',
  'are',
  'not',
  'but',
  'from',
  'have',
  'has',
  'will',
  'can',
  'when',
  'what',
  'how',
  'plan',
  'there',
  'which',
  'into',
  'should',
  'must',
  'does',
  'without',
  'about',
]);

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
