import type { Token } from 'markdown-it';

/**
 * The plain text of an inline token, as a reader sees it: text, code spans, raw inline HTML and an
 * image's alt text, with a soft break as a newline and link and emphasis markup dropped.
 */
export function readInlineText(inline: Token): string {
  const parts: string[] = [];
  for (const child of inline.children ?? []) {
    if (child.type === 'softbreak') parts.push('\n');
    else if (child.type === 'text' || child.type === 'code_inline' || child.type === 'html_inline' || child.type === 'image') parts.push(child.content);
  }
  return parts.join('');
}
