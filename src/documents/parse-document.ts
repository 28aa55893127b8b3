import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { toString as nodeText } from 'mdast-util-to-string';
import type { Nodes, Root, RootContent } from 'mdast';
import type { CodeBlock, ListItem, PlanDocument, Section, Table } from './schema.js';

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * Markdown → the structure every later stage addresses by line. Line numbers are 1-based and
 * count CRLF as one break, so they match the lines GitHub shows in a pull request's diff.
 */
export function parseDocument(path: string, input: string): PlanDocument {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lines = text.split(LINE_BREAK);
  // A trailing newline does not open a line GitHub would number.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
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
  const walk = (node: Nodes, listDepth: number, ordered: boolean): void => {
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
    if ('children' in node) {
      const nextDepth = node.type === 'list' ? listDepth + 1 : listDepth;
      const nextOrdered = node.type === 'list' ? node.ordered === true : ordered;
      for (const child of node.children as RootContent[]) walk(child, nextDepth, nextOrdered);
    }
  };
  walk(tree as Root, 0, false);

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
