/**
 * npm run measure:relocation — how well anchors follow text across real revisions
 * (eval/corpus/*--v1/v2/v3.md). Every non-blank line of the older revision is used as a
 * finding's quote; the truth comes from a line diff: an unchanged line must land exactly on its new
 * line; a changed line should land inside the hunk that replaced it (or be reported gone); anything
 * else is a wrong placement — the one outcome a reviewer must never see.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffArrays } from 'diff';
import { parseDocument } from '../src/documents/parse-document.js';
import { lineAnchor } from '../src/findings/make-anchor.js';
import { relocateAnchor } from '../src/findings/relocate-anchor.js';
import { packageRoot } from '../src/package-root.js';

const corpus = join(packageRoot(), 'eval', 'corpus');
if (!existsSync(corpus)) {
  console.error('needs eval/corpus (the real RFCs and KEPs copied from shared/corpus)');
  process.exit(2);
}
const sets = [
  ...new Set(
    readdirSync(corpus)
      .filter((n) => /--v\d\.md$/.test(n))
      .map((n) => n.replace(/--v\d\.md$/, '')),
  ),
];

interface Tally {
  unchanged: number;
  unchangedRight: number;
  unchangedWrong: number;
  unchangedLost: number;
  changed: number;
  changedInHunk: number;
  changedGone: number;
  changedWrong: number;
}
const total: Tally = { unchanged: 0, unchangedRight: 0, unchangedWrong: 0, unchangedLost: 0, changed: 0, changedInHunk: 0, changedGone: 0, changedWrong: 0 };

for (const set of sets) {
  for (const [a, b] of [
    ['v1', 'v2'],
    ['v2', 'v3'],
  ] as const) {
    const oldText = readFileSync(join(corpus, `${set}--${a}.md`), 'utf8');
    const newText = readFileSync(join(corpus, `${set}--${b}.md`), 'utf8');
    const oldDoc = parseDocument('doc.md', oldText);
    const newDoc = parseDocument('doc.md', newText);
    // Truth: old line → new line for unchanged lines; old line → replacing hunk range for changed ones.
    const truth = new Map<number, number>();
    const hunkOf = new Map<number, [number, number]>();
    let o = 1;
    let n = 1;
    const parts = diffArrays(oldDoc.lines, newDoc.lines);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (!p.added && !p.removed) {
        for (let k = 0; k < p.count!; k++) truth.set(o + k, n + k);
        o += p.count!;
        n += p.count!;
      } else if (p.removed) {
        const next = parts[i + 1];
        const addedCount = next?.added ? next.count! : 0;
        for (let k = 0; k < p.count!; k++) hunkOf.set(o + k, [n, n + Math.max(addedCount, 1) - 1]);
        o += p.count!;
        if (next?.added) {
          n += next.count!;
          i++;
        }
      } else n += p.count!;
    }
    const t: Tally = { unchanged: 0, unchangedRight: 0, unchangedWrong: 0, unchangedLost: 0, changed: 0, changedInHunk: 0, changedGone: 0, changedWrong: 0 };
    oldDoc.lines.forEach((line, i) => {
      const lineNo = i + 1;
      if (line.trim().length < 8 || oldDoc.codeLines.has(lineNo)) return;
      // A quote that occurs more than once is ambiguous by nature; findings quote distinctive text.
      if (oldDoc.lines.filter((l) => l.trim() === line.trim()).length > 1) return;
      const moved = relocateAnchor(lineAnchor(oldDoc, lineNo), newDoc);
      const want = truth.get(lineNo);
      if (want !== undefined) {
        t.unchanged++;
        if (moved === null) t.unchangedLost++;
        else if (moved.startLine === want) t.unchangedRight++;
        else t.unchangedWrong++;
      } else {
        t.changed++;
        const hunk = hunkOf.get(lineNo);
        if (moved === null) t.changedGone++;
        else if (hunk && moved.startLine! >= hunk[0] && moved.startLine! <= hunk[1]) t.changedInHunk++;
        else t.changedWrong++;
      }
    });
    for (const k of Object.keys(t) as Array<keyof Tally>) total[k] += t[k];
    console.log(
      `${set} ${a}→${b}: unchanged ${t.unchangedRight}/${t.unchanged} right (${t.unchangedWrong} wrong, ${t.unchangedLost} lost); changed ${t.changed}: ${t.changedInHunk} to the replacing text, ${t.changedGone} reported gone, ${t.changedWrong} elsewhere`,
    );
  }
}
const pct = (a: number, b: number): string => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
console.log(
  `\nunchanged lines relocated to the right line: ${pct(total.unchangedRight, total.unchanged)} (${total.unchangedRight}/${total.unchanged}), wrong line ${total.unchangedWrong}, lost ${total.unchangedLost}`,
);
console.log(
  `changed lines: ${pct(total.changedInHunk, total.changed)} followed into the text that replaced them, ${pct(total.changedGone, total.changed)} reported gone, ${pct(total.changedWrong, total.changed)} placed elsewhere (${total.changedWrong}/${total.changed})`,
);
console.log(
  `all anchors on a right place or honestly gone: ${pct(total.unchangedRight + total.changedInHunk + total.changedGone, total.unchanged + total.changed)}`,
);
