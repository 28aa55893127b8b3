import type { Root, RootContent } from 'mdast';

/**
 * Kinds of block that carry no plan: headings (an outline is not a plan), rules, link definitions
 * and HTML comments (hidden from readers). Front matter parses as a rule and a heading, so a file of
 * only front matter has no content either.
 */
const EMPTY_KINDS = new Set<RootContent['type']>(['heading', 'thematicBreak', 'definition']);

function carriesText(node: RootContent): boolean {
  if (EMPTY_KINDS.has(node.type)) return false;
  if (node.type === 'html') return !/^\s*<!--[\s\S]*-->\s*$/.test(node.value);
  return true;
}

/** Whether a parsed Markdown tree holds anything but headings, rules, link definitions and comments. */
export function treeHasContent(tree: Root): boolean {
  return tree.children.some(carriesText);
}
