import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';

/**
 * Markdown → mdast with positions. Of GitHub's extensions only tables change what a plan's lines
 * are; autolinks, footnotes, strikethrough and task lists are read as text all the same, and
 * parsing them cost a fifth of the offline review of a large document.
 */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
}
