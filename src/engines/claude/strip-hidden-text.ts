import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Nodes } from 'mdast';
import type { PlanDocument } from '../../documents/schema.js';

/**
 * Characters a reader never sees but a model reads: zero-width spaces and joiners, word joiner,
 * BOM, soft hyphen, bidirectional controls ("Trojan Source"), Unicode tag characters and
 * supplementary variation selectors (both used to smuggle invisible text to models).
 */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/gu;
const LINE_BREAK = /\r\n|\r|\n/;

/**
 * The document as a reader sees it, line for line: HTML comments (block or inline, outside code)
 * and link reference definitions (which render to nothing, e.g. the `[//]: # (note)` idiom) are
 * blanked, invisible characters removed. Lines are never removed or added, so line N here is
 * line N of the document and of the pull request's diff.
 */
export function stripHiddenText(doc: PlanDocument): string[] {
  const hidden: Array<[number, number]> = [];
  const tree = fromMarkdown(doc.text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const walk = (node: Nodes): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined) {
      if (node.type === 'html') hidden.push(...commentSpans(doc.text, start, end));
      else if (node.type === 'definition') hidden.push([start, end]);
    }
    if ('children' in node) for (const child of node.children as Nodes[]) walk(child);
  };
  walk(tree);

  let text = doc.text;
  if (hidden.length > 0) {
    const chars = doc.text.split('');
    for (const [from, to] of hidden) {
      for (let i = from; i < to; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = '';
    }
    text = chars.join('');
  }
  const lines = text.split(LINE_BREAK).map((line) => line.replace(INVISIBLE, ''));
  // Same line count as parseDocument: a trailing newline does not open a line.
  return lines.slice(0, doc.lines.length).concat(Array(Math.max(0, doc.lines.length - lines.length)).fill(''));
}

/** `<!-- … -->` spans inside an HTML node's source; an unterminated one runs to the node's end. */
function commentSpans(text: string, from: number, to: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let at = text.indexOf('<!--', from);
  while (at !== -1 && at < to) {
    const close = text.indexOf('-->', at + 4);
    const end = close === -1 || close + 3 > to ? to : close + 3;
    spans.push([at, end]);
    at = text.indexOf('<!--', end);
  }
  return spans;
}
