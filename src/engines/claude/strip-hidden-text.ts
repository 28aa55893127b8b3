import type { PlanDocument } from '../../documents/schema.js';

/**
 * Characters a reader never sees but a model reads: zero-width spaces and joiners, word joiner,
 * BOM, soft hyphen, bidirectional controls ("Trojan Source"), Unicode tag characters and
 * supplementary variation selectors (both used to smuggle invisible text to models).
 */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: the class lists invisible code points (variation selectors included) by escape, one by one, to strip them; nothing combines
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/gu;
/** A link reference definition ("[label]: target"), which renders to nothing; not a footnote ("[^1]:"). */
const DEFINITION = /^ {0,3}\[(?!\^)(?:[^\]\\]|\\.)+\]:/;
const BLOCK_COMMENT_START = /^ {0,3}<!--/;

/**
 * The document as a reader sees it, line for line: HTML comments outside code (block or inline,
 * also inside other HTML such as <details>) and link reference definitions (which render to
 * nothing, e.g. the `[//]: # (note)` idiom) are blanked; invisible characters are removed. Lines
 * are never removed or added, so line N here is line N of the document and of the pull request.
 *
 * A linear scan over the parser's code-block lines, with inline code spans masked, rather than a
 * second Markdown parse: it runs before the first request of every review, so it sits on the
 * panel's critical path. It errs towards hiding: a comment is blanked up to its `-->` even where
 * a renderer would have ended it earlier at a blank line.
 */
export function stripHiddenText(doc: PlanDocument): string[] {
  const lines = doc.lines;
  const out: string[] = [];
  let inComment = false;
  let previousVisible = '';
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = i + 1;
    if (!inComment && doc.codeLines.has(lineNo)) {
      out.push(raw.replace(INVISIBLE, ''));
      previousVisible = raw;
      continue;
    }
    if (!inComment && DEFINITION.test(raw) && (previousVisible.trim() === '' || DEFINITION.test(previousVisible) || /^ {0,3}#/.test(previousVisible))) {
      out.push('');
      previousVisible = raw;
      continue;
    }
    const masked = maskCodeSpans(raw);
    let kept = '';
    let pos = 0;
    for (;;) {
      if (inComment) {
        const close = raw.indexOf('-->', pos);
        if (close === -1) {
          pos = raw.length;
          break;
        }
        inComment = false;
        pos = close + 3;
      }
      const open = masked.indexOf('<!--', pos);
      if (open === -1) {
        kept += raw.slice(pos);
        break;
      }
      const close = raw.indexOf('-->', open + 2);
      if (close !== -1) {
        kept += raw.slice(pos, open);
        pos = close + 3;
        continue;
      }
      // Open at the end of this line: a comment if it closes later, or if it starts an HTML block
      // (which runs to the end of the document); otherwise it is literal text a reader sees.
      const blockStart = BLOCK_COMMENT_START.test(raw) && raw.slice(0, open).trim() === '';
      if (blockStart || closesLater(lines, i + 1)) {
        kept += raw.slice(pos, open);
        inComment = true;
        pos = raw.length;
      } else {
        kept += raw.slice(pos);
      }
      break;
    }
    const visible = kept.replace(INVISIBLE, '');
    out.push(visible === raw ? raw : visible.trimEnd());
    previousVisible = raw;
  }
  return out;
}

function closesLater(lines: readonly string[], from: number): boolean {
  for (let j = from; j < lines.length; j++) if (lines[j]!.includes('-->')) return true;
  return false;
}

/** The line with the inside of each `code span` replaced by spaces, so "<!--" there is not a comment. */
function maskCodeSpans(line: string): string {
  if (!line.includes('`')) return line;
  const chars = line.split('');
  const runs = [...line.matchAll(/`+/g)].map((m) => ({ at: m.index, len: m[0].length }));
  for (let a = 0; a < runs.length; a++) {
    const open = runs[a]!;
    const b = runs.findIndex((r, k) => k > a && r.len === open.len);
    if (b === -1) continue;
    const close = runs[b]!;
    for (let k = open.at + open.len; k < close.at; k++) chars[k] = ' ';
    a = b;
  }
  return chars.join('');
}
