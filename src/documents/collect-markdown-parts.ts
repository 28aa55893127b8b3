import type { Nodes, Root, RootContent } from 'mdast';
import { readNodeText } from './read-node-text.js';
import type { CodeBlock, ListItem, Table } from './schema.js';

export interface MarkdownParts {
  codeBlocks: CodeBlock[];
  tables: Table[];
  listItems: ListItem[];
  codeLines: Set<number>;
  hiddenLines: Set<number>;
  headings: Array<{ depth: number; title: string; line: number }>;
}

/** One walk of the Markdown tree: the headings, code blocks, tables, list items and hidden lines, by line. */
export function collectMarkdownParts(tree: Root, lines: string[]): MarkdownParts {
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
      headings.push({ depth: node.depth, title: readNodeText(node).trim(), line: start });
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
      tables.push({ startLine: start, endLine: end, rows: node.children.map((row) => row.children.map((cell) => readNodeText(cell).trim())) });
    } else if (node.type === 'html' && start !== undefined && end !== undefined && /^\s*<!--/.test(node.value)) {
      for (let l = start; l <= end; l++) hiddenLines.add(l);
    } else if (node.type === 'listItem' && start !== undefined && end !== undefined) {
      listItems.push({ startLine: start, endLine: end, ordered, depth: listDepth, text: firstParagraph(node) });
    }
  };
  // An explicit stack, not recursion: the walk's depth must not grow the call stack with the
  // document's nesting. Children are pushed in reverse so nodes are visited in document order.
  const stack: Array<{ node: Nodes; listDepth: number; ordered: boolean }> = [{ node: tree, listDepth: 0, ordered: false }];
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

  return { codeBlocks, tables, listItems, codeLines, hiddenLines, headings };
}

function firstParagraph(node: Nodes): string {
  if ('children' in node) {
    const para = (node.children as Nodes[]).find((c) => c.type === 'paragraph');
    if (para) return readNodeText(para).trim();
  }
  return readNodeText(node).trim();
}
