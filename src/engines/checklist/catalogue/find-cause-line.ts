import type { DocumentIndex } from './index-document.js';

// Words too common in plans and findings to say what a sentence is about.
const STOP = new Set(
  (
    'about above after again against also because been before being below between both cannot could does doing down during each every from further have having here itself just more most must only other over same should some such than that their them then there these they this those through under until very were what when where which while will with without would your within into onto upon plan plans need needs make makes made ' +
    'using used uses user users data system service services time line lines says said nothing whole first once never always still even already another anything someone something every'
  ).split(/\s+/),
);

/**
 * A concern's words, by its text: the same few thousand concern texts are scored against every
 * document, and tokenising them again per document was most of the inferred route's cost.
 */
const WANTED = new Map<string, Set<string>>();

/** A crude stem ("retries", "retried", "retrying" → "retri"): enough to compare a finding's words with a plan's. */
function stem(word: string): string {
  return word.length <= 5 ? word.replace(/s$/, '') : word.slice(0, 5);
}

/** The content words of a text, stemmed, without stop words, numbers and short tokens. */
function keywords(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (w.length < 4 || STOP.has(w) || /^\d+$/.test(w)) continue;
    out.add(stem(w));
  }
  return out;
}

/**
 * The line most likely to cause a concern that names no fixed wording: the active prose or code
 * line sharing the most rarity-weighted words with what the concern says (title, body, fix),
 * with a bonus for naming the component, and its score. Null when no line says enough about it.
 * `onlyLines` limits the search (the inferred route looks only at lines naming the component), and
 * `minWords` asks for that many distinct shared words, so one rare word cannot carry a line alone.
 */
export function findCauseLine(
  index: DocumentIndex,
  concernText: string,
  componentLines: ReadonlySet<number>,
  minScore: number,
  onlyLines?: ReadonlySet<number>,
  minWords = 0,
): { line: number; score: number } | null {
  let df = index.memo.get('df') as Map<string, number> | undefined;
  let lineWords = index.memo.get('line-words') as Map<number, Set<string>> | undefined;
  if (!df || !lineWords) {
    df = new Map();
    lineWords = new Map();
    for (const l of index.lines) {
      if (!l.active || l.heading) continue;
      const words = keywords(l.raw);
      lineWords.set(l.line, words);
      for (const k of words) df.set(k, (df.get(k) ?? 0) + 1);
    }
    index.memo.set('df', df);
    index.memo.set('line-words', lineWords);
  }
  let wanted = WANTED.get(concernText);
  if (!wanted) {
    wanted = keywords(concernText);
    WANTED.set(concernText, wanted);
  }
  const n = Math.max(lineWords.size, 1);
  let best: { line: number; score: number } | null = null;
  // Lines in document order either way, so ties go to the earlier line.
  const candidates = onlyLines ? [...onlyLines].sort((a, b) => a - b) : lineWords.keys();
  for (const line of candidates) {
    const words = lineWords.get(line);
    if (!words) continue;
    let score = 0;
    let shared = 0;
    for (const k of words)
      if (wanted.has(k)) {
        score += Math.log(1 + n / (df.get(k) ?? 1));
        shared++;
      }
    if (shared < minWords) continue;
    if (componentLines.has(line)) score += 1;
    if (score > (best?.score ?? 0)) best = { line, score };
  }
  return best && best.score >= minScore ? best : null;
}
