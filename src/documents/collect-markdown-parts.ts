import type { Token } from 'markdown-it';
import { readInlineText } from './read-inline-text.js';
import type { CodeBlock, ListItem, Table } from './schema.js';

export interface MarkdownParts {
  codeBlocks: CodeBlock[];
  tables: Table[];
  listItems: ListItem[];
  codeLines: Set<number>;
  hiddenLines: Set<number>;
  headings: Array<{ depth: number; title: string; line: number }>;
  /** Whether the document holds anything but headings, rules, link definitions and comments. */
  reviewable: boolean;
}

const COMMENT = /^\s*<!--[\s\S]*-->\s*$/;

/**
 * One pass over the block tokens: the headings, code blocks, tables, list items and hidden lines,
 * by 1-based line. A block's line map runs to the line after it and can take in the blank lines
 * that follow a list item; the last line of a block is its last non-blank one.
 */
export function collectMarkdownParts(tokens: Token[], lines: string[]): MarkdownParts {
  const codeBlocks: CodeBlock[] = [];
  const tables: Table[] = [];
  const listItems: ListItem[] = [];
  const codeLines = new Set<number>();
  const hiddenLines = new Set<number>();
  const headings: Array<{ depth: number; title: string; line: number }> = [];
  let reviewable = false;

  const lastLine = Math.max(lines.length, 1);
  const startOf = (t: Token): number => Math.min((t.map?.[0] ?? 0) + 1, lastLine);
  const endOf = (t: Token): number => {
    const start = startOf(t);
    let end = Math.min(t.map?.[1] ?? start, lastLine);
    while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
    return end;
  };
  // The lists the walk is inside, innermost last: whether each is ordered.
  const lists: boolean[] = [];
  // Open list items, innermost last, waiting for their first paragraph.
  const items: Array<{ item: ListItem; depth: number; text: string[] }> = [];
  let table: { startLine: number; endLine: number; rows: string[][] } | null = null;
  // A table cell's inline token has no line map of its own: it sits on its row's line.
  let rowLine = 0;

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // Headings, rules and comments carry no plan; link definitions leave no token at all.
    if (t.level === 0 && t.nesting !== -1 && t.type !== 'heading_open' && t.type !== 'hr' && !(t.type === 'html_block' && COMMENT.test(t.content))) {
      reviewable = true;
    }
    switch (t.type) {
      case 'heading_open': {
        const inline = tokens[i + 1];
        headings.push({ depth: Number(t.tag.slice(1)), title: inline?.type === 'inline' ? readInlineText(inline).trim() : '', line: startOf(t) });
        break;
      }
      case 'fence':
      case 'code_block': {
        const start = startOf(t);
        const end = t.type === 'fence' ? Math.min(t.map?.[1] ?? start, lastLine) : endOf(t);
        const info = t.info.trim();
        codeBlocks.push({
          lang: info === '' ? null : (info.split(/\s/)[0] ?? null),
          startLine: start,
          endLine: end,
          valueStartLine: t.type === 'fence' ? start + 1 : start,
          value: t.content.replace(/\n$/, ''),
        });
        for (let l = start; l <= end; l++) codeLines.add(l);
        break;
      }
      case 'html_block':
        if (/^\s*<!--/.test(t.content)) for (let l = startOf(t); l <= endOf(t); l++) hiddenLines.add(l);
        break;
      case 'inline':
        if (t.map || table) hideInlineComments(t, t.map ? startOf(t) : rowLine, hiddenLines);
        break;
      case 'table_open':
        table = { startLine: startOf(t), endLine: endOf(t), rows: [] };
        break;
      case 'tr_open':
        table?.rows.push([]);
        rowLine = startOf(t);
        break;
      case 'table_close':
        if (table) tables.push(table);
        table = null;
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push(t.type === 'ordered_list_open');
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const item: ListItem = { startLine: startOf(t), endLine: endOf(t), ordered: lists[lists.length - 1] ?? false, depth: lists.length, text: '' };
        listItems.push(item);
        items.push({ item, depth: t.level, text: [] });
        break;
      }
      case 'list_item_close': {
        const open = items.pop();
        if (open && open.item.text === '') open.item.text = open.text.join('').trim();
        break;
      }
      case 'paragraph_open': {
        const open = items[items.length - 1];
        const inline = tokens[i + 1];
        // A paragraph directly in the item is its text; without one, the item reads as all it holds.
        if (open && t.level === open.depth + 1 && open.item.text === '' && inline?.type === 'inline') open.item.text = readInlineText(inline).trim();
        break;
      }
    }
    if (t.type === 'inline' && table) {
      const row = table.rows[table.rows.length - 1];
      if (row && (tokens[i - 1]?.type === 'th_open' || tokens[i - 1]?.type === 'td_open')) row.push(readInlineText(t).trim());
    }
    if (items.length > 0) {
      const open = items[items.length - 1]!;
      if (t.type === 'inline') open.text.push(readInlineText(t));
      else if (t.type === 'fence' || t.type === 'code_block') open.text.push(t.content.replace(/\n$/, ''));
    }
  }
  return { codeBlocks, tables, listItems, codeLines, hiddenLines, headings, reviewable };
}

/** An HTML comment inside a paragraph hides the lines it spans, found by its place in the raw text. */
function hideInlineComments(inline: Token, firstLine: number, hidden: Set<number>): void {
  let from = 0;
  for (const child of inline.children ?? []) {
    if (child.type !== 'html_inline' || !child.content.startsWith('<!--')) continue;
    const at = inline.content.indexOf(child.content, from);
    if (at < 0) continue;
    const startLine = firstLine + countBreaks(inline.content, 0, at);
    const endLine = startLine + countBreaks(child.content, 0, child.content.length);
    for (let l = startLine; l <= endLine; l++) hidden.add(l);
    from = at + child.content.length;
  }
}

function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) n++;
  return n;
}
