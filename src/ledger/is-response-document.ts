import { parseResponse } from './parse-response.js';

/**
 * An author's response to the review (seed style "Findings Addressed … Location: Lines a–b") in a
 * file named *RESPONSE*.md: checked against the ledger after the revision is published, not reviewed
 * as a plan. A plan whose name merely contains "response" is still a plan.
 */
export function isResponseDocument(document: { path: string; doc: { text: string } }): boolean {
  return /RESPONSE[^/]*\.md$/.test(document.path.split('/').pop() ?? '') && parseResponse(document.doc.text).length > 0;
}
