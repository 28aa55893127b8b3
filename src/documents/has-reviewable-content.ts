import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { RootContent } from 'mdast';
import type { PlanDocument } from './schema.js';

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

/**
 * Whether a document has anything to review. A review of nothing would score 10/10 "Ready", which
 * reads as approval of an empty or heading-only file; callers say "has no content to review" instead.
 */
export function hasReviewableContent(doc: PlanDocument): boolean {
  if (doc.text.trim() === '') return false;
  const tree = fromMarkdown(doc.text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  return tree.children.some(carriesText);
}
