import { parseMarkdown } from './parse-markdown.js';
import type { PlanDocument } from './schema.js';
import { treeHasContent } from './tree-has-content.js';

/**
 * Whether a document has anything to review. A review of nothing would score 10/10 "Ready", which
 * reads as approval of an empty or heading-only file; callers say "has no content to review" instead.
 * parseDocument answers it while it has the tree; parsing again cost the CLI a second full parse.
 */
export function hasReviewableContent(doc: PlanDocument): boolean {
  if (doc.reviewable !== undefined) return doc.reviewable;
  return doc.text.trim() !== '' && treeHasContent(parseMarkdown(doc.text));
}
