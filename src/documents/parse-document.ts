import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Nodes, Root, RootContent } from 'mdast';
import { InputError } from '../errors/errors.js';
import type { CodeBlock, ListItem, PlanDocument, Section, Table } from './schema.js';

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * Deepest container nesting (`>` and list markers opening one line) a plan may have. The Markdown
 * parser recurses once per level and allocates per level and line: 10 KB of `>` takes 1 GB and
 * seconds, or overflows the stack. No real plan nests past a handful of levels.
 */
export const MAX_NESTING = 64;

/**
 * Markdown → the structure every later stage addresses by line. Line numbers are 1-based and
 * count CRLF as one break, so they match the lines GitHub shows in a pull request's diff.
 */
export function parseDocument(path: string, input: string): PlanDocument {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lines = text.split(LINE_BREAK);
  // A trailing newline does not open a line GitHub would number.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const deepest = deepestNesting(lines);
  if (deepest.depth > MAX_NESTING) {
    throw new InputError(`${path}: line ${deepest.line} nests ${deepest.depth} blockquotes or lists deep (the limit is ${MAX_NESTING}); flatten the document`);
  }
  const tree = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

  const codeBlocks: CodeBlock[] = [];
  const tables: Table[] = [];
  const listItems: ListItem[] = [];
  const codeLines = new Set<number>();
  const hiddenLines = new Set<number>();
  const headings: Array<{ depth: number; title: string; line: number }> = [];

  // The parser places the end of a construct left open at the end of the text (an unterminated fence
  // after a final newline) on the line after the last one: positions are clamped to the document.
  const lastLine = Math.max(lines.length, 1);
  const visit = (node: Nodes, listDepth: number, ordered: boolean): void => {
    const start = node.position?.start.line === undefined ? undefined : Math.min(node.position.start.line, lastLine);
    const end = node.position?.end.line === undefined ? undefined : Math.min(node.position.end.line, lastLine);
    if (node.type === 'heading' && start !== undefined) {
      headings.push({ depth: node.depth, title: nodeText(node).trim(), line: start });
    } else if (node.type === 'code' && start !== undefined && end !== undefined) {
      const fenced = /^\s{0,3}(`{3,}|~{3,})/.test(lines[start - 1] ?? '');
      codeBlocks.push({
        lang: node.lang ?? null,
        startLine: start,
        endLine: end,
        valueStartLine: fenced ? start + 1 : start,
        value: node.value,
      });
      for (let l = start; l <= end; l++) codeLines.add(l);
    } else if (node.type === 'table' && start !== undefined && end !== undefined) {
      tables.push({ startLine: start, endLine: end, rows: node.children.map((row) => row.children.map((cell) => nodeText(cell).trim())) });
    } else if (node.type === 'html' && start !== undefined && end !== undefined && /^\s*<!--/.test(node.value)) {
      for (let l = start; l <= end; l++) hiddenLines.add(l);
    } else if (node.type === 'listItem' && start !== undefined && end !== undefined) {
      listItems.push({ startLine: start, endLine: end, ordered, depth: listDepth, text: firstParagraph(node) });
    }
  };
  // An explicit stack, not recursion: the walk's depth must not grow the call stack with the
  // document's nesting. Children are pushed in reverse so nodes are visited in document order.
  const stack: Array<{ node: Nodes; listDepth: number; ordered: boolean }> = [{ node: tree as Root, listDepth: 0, ordered: false }];
  while (stack.length > 0) {
    const { node, listDepth, ordered } = stack.pop()!;
    visit(node, listDepth, ordered);
    if ('children' in node) {
      const nextDepth = node.type === 'list' ? listDepth + 1 : listDepth;
      const nextOrdered = node.type === 'list' ? node.ordered === true : ordered;
      const children = node.children as RootContent[];
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, listDepth: nextDepth, ordered: nextOrdered });
    }
  }

  const sections = buildSections(headings, Math.max(lines.length, 1));
  const title = headings.find((h) => h.depth === 1)?.title ?? headings[0]?.title ?? null;
  return { path, text, lines, hiddenLines, codeLines, sections, codeBlocks, tables, listItems, title };
}

function firstParagraph(node: Nodes): string {
  if ('children' in node) {
    const para = (node.children as Nodes[]).find((c) => c.type === 'paragraph');
    if (para) return nodeText(para).trim();
  }
  return nodeText(node).trim();
}

/** mdast-util-to-string's toString without recursion: the text of a node and everything under it. */
function nodeText(root: Nodes): string {
  const parts: string[] = [];
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    // The same rules as mdast-util-to-string: a value, else an image's alt, else the children.
    if ('value' in node && typeof node.value === 'string') parts.push(node.value);
    else if ('alt' in node && node.alt) parts.push(node.alt);
    else if ('children' in node) {
      const children = node.children as Nodes[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return parts.join('');
}

/** The deepest run of `>` and list markers that opens a line (a cheap scan before the parser sees it). */
function deepestNesting(lines: string[]): { depth: number; line: number } {
  let best = { depth: 0, line: 0 };
  const marker = /^[ \t]*(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])/;
  lines.forEach((line, i) => {
    let depth = 0;
    let rest = line;
    for (let m = marker.exec(rest); m !== null; m = marker.exec(rest)) {
      depth++;
      rest = rest.slice(m[0].length);
    }
    if (depth > best.depth) best = { depth, line: i + 1 };
  });
  return best;
}

function buildSections(headings: Array<{ depth: number; title: string; line: number }>, lastLine: number): Section[] {
  const sections: Section[] = [];
  const stack: Array<{ depth: number; title: string }> = [];
  headings.forEach((h, i) => {
    while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= h.depth) stack.pop();
    stack.push({ depth: h.depth, title: h.title });
    const next = headings.slice(i + 1).find((later) => later.depth <= h.depth);
    sections.push({
      path: stack.map((s) => s.title),
      title: h.title,
      depth: h.depth,
      headingLine: h.line,
      startLine: h.line,
      endLine: next ? next.line - 1 : lastLine,
    });
  });
  return sections;
}
