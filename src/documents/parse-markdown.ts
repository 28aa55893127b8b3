import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

/**
 * CommonMark with GitHub's tables, HTML recognised as HTML (a comment hides template text), and no
 * strikethrough, linkify or typography: of GitHub's extensions only tables change what a plan's
 * lines are, and text keeps the characters the author typed. markdown-it rather than micromark
 * (mdast): the same block structure with line maps, in a tenth of the time (about 60 ms against
 * 600 ms on the 300 KB corpus), which was a third of the offline review of a large document.
 */
const parser = new MarkdownIt('default', {
  html: true,
  linkify: false,
  typographer: false,
  // Past this many tokens deep markdown-it stops nesting and folds the rest of the document into the
  // deepest block. A list level opens two (the list and its item): 100 levels, well past the 64 that
  // collectMarkdownParts reports and parseDocument refuses.
  maxNesting: 200,
}).disable(['strikethrough']);

/** Markdown → markdown-it's block tokens, each block with its 0-based [first, after-last) line map. */
export function parseMarkdown(text: string): Token[] {
  const tokens = parser.parse(text, {});
  // A fence's language is what the author wrote, escapes and entities resolved ("```&#115;ql" is sql).
  for (const t of tokens) if (t.type === 'fence') t.info = parser.utils.unescapeAll(t.info);
  return tokens;
}
