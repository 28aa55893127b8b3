import type { DocumentIndex } from './index-document.js';
import { type Concepts, makeConcepts } from './make-concepts.js';

// Words too common in plans and findings to say what a sentence is about.
const STOP = new Set(
  (
    'about above after again against also because been before being below between both cannot could does doing down during each every from further have having here itself just more most must only other over same should some such than that their them then there these they this those through under until very were what when where which while will with without would your within into onto upon plan plans need needs make makes made ' +
    'using used uses user users data system service services time line lines says said nothing whole first once never always still even already another anything someone something every'
  ).split(/\s+/),
);

/**
 * The cause line of a concern with no risk wording is placed by spelling alone: reading words by
 * meaning there moved findings off their lines on the blind sets (380 → 376 placed items).
 */
const NO_CONCEPTS = makeConcepts({});

/**
 * A concern's tokens, by its text and the concepts they were read with: the same few thousand
 * concern texts are scored against every document, and tokenising them again per document was
 * most of the inferred route's cost.
 */
const WANTED = new WeakMap<Concepts, Map<string, Set<string>>>();

/** A crude stem ("retries", "retried", "retrying" → "retri"): enough to compare a finding's words with a plan's. */
function stem(word: string): string {
  return word.length <= 5 ? word.replace(/s$/, '') : word.slice(0, 5);
}

/**
 * The content words of a text, without stop words, numbers and short tokens, each as its tokens:
 * its stem and the shared word lists it belongs to (`@retry`), so that one word of the plan can
 * meet the concern in either spelling or meaning but still counts once.
 */
function words(text: string, concepts: Concepts): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (w.length < 4 || STOP.has(w) || /^\d+$/.test(w)) continue;
    const s = stem(w);
    const tokens = out.get(s) ?? [s];
    for (const c of concepts.of(w)) if (!tokens.includes(`@${c}`)) tokens.push(`@${c}`);
    out.set(s, tokens);
  }
  return out;
}

interface LineWords {
  /** Rarity weight of each token: log(1 + lines / lines holding it). */
  idf: Map<string, number>;
  lines: Map<number, string[][]>;
}

/**
 * The line most likely to cause a concern: the active prose or code line sharing the most
 * rarity-weighted words with what the concern says (its title, body and fix for the cause line;
 * title, body and risk wording for the inferred route), with a bonus for naming the component, and
 * its score. Null when no line says enough about it. A word of the line counts by the rarest of its
 * tokens the concern shares. `onlyLines` (in document order) limits the search (the inferred route
 * looks at the lines under a heading that names the component), `minWords` asks for that many
 * distinct concern tokens met, so one rare word cannot carry a line alone (nor one concern word
 * met three times by like words), and `concepts` lets a word meet the concern by meaning as well
 * as by spelling.
 */
export function findCauseLine(
  index: DocumentIndex,
  concernText: string,
  componentLines: ReadonlySet<number>,
  minScore: number,
  { onlyLines, minWords = 0, concepts = NO_CONCEPTS }: { onlyLines?: readonly number[]; minWords?: number; concepts?: Concepts } = {},
): { line: number; score: number } | null {
  let byConcepts = index.memo.get('line-words') as Map<Concepts, LineWords> | undefined;
  if (!byConcepts) {
    byConcepts = new Map();
    index.memo.set('line-words', byConcepts);
  }
  let lw = byConcepts.get(concepts);
  if (!lw) {
    const df = new Map<string, number>();
    lw = { idf: new Map(), lines: new Map() };
    for (const l of index.lines) {
      if (!l.active || l.heading) continue;
      const ws = [...words(l.raw, concepts).values()];
      lw.lines.set(l.line, ws);
      for (const k of new Set(ws.flat())) df.set(k, (df.get(k) ?? 0) + 1);
    }
    const n = Math.max(lw.lines.size, 1);
    for (const [k, count] of df) lw.idf.set(k, Math.log(1 + n / count));
    byConcepts.set(concepts, lw);
  }
  let cached = WANTED.get(concepts);
  if (!cached) {
    cached = new Map();
    WANTED.set(concepts, cached);
  }
  let wanted = cached.get(concernText);
  if (!wanted) {
    wanted = new Set([...words(concernText, concepts).values()].flat());
    cached.set(concernText, wanted);
  }
  const { idf, lines } = lw;
  let best: { line: number; score: number } | null = null;
  // Lines in document order either way (the caller sorts `onlyLines`), so ties go to the earlier line.
  const candidates = onlyLines ?? lines.keys();
  for (const line of candidates) {
    const ws = lines.get(line);
    if (!ws) continue;
    let score = 0;
    const met = new Set<string>();
    for (const tokens of ws) {
      let weight = 0;
      let rarest: string | null = null;
      for (const k of tokens) {
        const w = wanted.has(k) ? (idf.get(k) ?? 0) : 0;
        if (w > weight) {
          weight = w;
          rarest = k;
        }
      }
      if (rarest !== null) {
        score += weight;
        met.add(rarest);
      }
    }
    if (met.size < minWords) continue;
    if (componentLines.has(line)) score += 1;
    if (score > (best?.score ?? 0)) best = { line, score };
  }
  return best && best.score >= minScore ? best : null;
}
