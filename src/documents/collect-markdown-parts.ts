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
  /** Where blockquotes and lists first nest deeper than the limit given, if they do. */
  tooDeep: { depth: number; line: number } | null;
}

const COMMENT = /^\s*<!--[\s\S]*-->\s*$/;
// A line with nothing but blockquote markers is as empty as a blank one.
const EMPTY_LINE = /^[\s>]*$/;

/**
 * One pass over the block tokens: the headings, code blocks, tables, list items and hidden lines,
 * by 1-based line. A block's line map runs to the line after it and can take in the blank lines
 * that follow a list item; the last line of a block is its last non-blank one.
 */
export function collectMarkdownParts(tokens: Token[], lines: string[], maxNesting: number): MarkdownParts {
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
    while (end > start && EMPTY_LINE.test(lines[end - 1] ?? '')) end--;
    return end;
  };
  // The lists the walk is inside, innermost last: whether each is ordered.
  const lists: boolean[] = [];
  // Open list items, innermost last, waiting for their first paragraph (`level`: the token's).
  const items: Array<{ item: ListItem; level: number; text: string[] }> = [];
  let quotes = 0;
  let tooDeep: { depth: number; line: number } | null = null;
  let table: { startLine: number; endLine: number; rows: string[][] } | null = null;
  // A table cell's inline token has no line map of its own: it sits on its row's line.
  let rowLine = 0;
  const noteNesting = (t: Token): void => {
    if (!tooDeep && lists.length + quotes > maxNesting) tooDeep = { depth: lists.length + quotes, line: startOf(t) };
  };
  const codeOf = (t: Token): string => t.content.replace(/\n$/, '');

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
          value: codeOf(t),
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
        noteNesting(t);
        break;
      case 'blockquote_open':
        quotes++;
        noteNesting(t);
        break;
      case 'blockquote_close':
        quotes--;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const item: ListItem = { startLine: startOf(t), endLine: endOf(t), ordered: lists[lists.length - 1] ?? false, depth: lists.length, text: '' };
        listItems.push(item);
        items.push({ item, level: t.level, text: [] });
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
        if (open && t.level === open.level + 1 && open.item.text === '' && inline?.type === 'inline') open.item.text = readInlineText(inline).trim();
        break;
      }
    }
    if (t.type === 'inline' && table) {
      const row = table.rows[table.rows.length - 1];
      if (row && (tokens[i - 1]?.type === 'th_open' || tokens[i - 1]?.type === 'td_open')) row.push(readInlineText(t).trim());
    }
    // An open item with no paragraph yet gathers what it holds, nested items' text included; outside
    // such items (most of a document) no text is read for it.
    if ((t.type === 'inline' || t.type === 'fence' || t.type === 'code_block') && items.some((open) => open.item.text === '')) {
      const text = t.type === 'inline' ? readInlineText(t) : codeOf(t);
      for (const open of items) if (open.item.text === '') open.text.push(text);
    }
  }
  return { codeBlocks, tables, listItems, codeLines, hiddenLines, headings, reviewable, tooDeep };
}

/**
 * An HTML comment inside a paragraph or cell hides the lines it spans. Its line is the inline's first
 * line plus the line breaks before it among the children (a code span spanning lines reads as one).
 */
function hideInlineComments(inline: Token, firstLine: number, hidden: Set<number>): void {
  let line = firstLine;
  for (const child of inline.children ?? []) {
    if (child.type === 'softbreak' || child.type === 'hardbreak') line++;
    else if (child.type === 'html_inline') {
      const breaks = countBreaks(child.content);
      if (child.content.startsWith('<!--')) for (let l = line; l <= line + breaks; l++) hidden.add(l);
      line += breaks;
    }
  }
}

function countBreaks(text: string): number {
  let n = 0;
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) n++;
  return n;
}
