import type { PlanDocument } from '../../documents/schema.js';
import { locateQuote } from '../../findings/locate-quote.js';
import { documentAnchor, lineAnchor, sectionAnchor } from '../../findings/make-anchor.js';
import { maskSecrets } from '../../logging/redaction.js';
import type { DraftFinding } from '../../findings/schema.js';
import { findNamedSection } from './find-named-section.js';
import type { LlmFinding } from './review-output-schema.js';

export interface AnchoredFinding {
  draft: DraftFinding;
  /** The model quoted text that could not be found: kept at section/document level instead. */
  unanchored: boolean;
}

/**
 * A model's finding → a draft anchored by its quote. The quote is searched in the text the model
 * was shown (`visibleLines`: hidden content blanked, same line numbers), preferring the section it
 * named, else the chunk it saw. A quote that cannot be found is never dropped and never guessed
 * onto a line: the finding moves to the named section (or the document) and is flagged.
 */
export function anchorLlmFinding(
  doc: PlanDocument,
  visibleLines: readonly string[],
  finding: LlmFinding,
  persona: string,
  scope: { startLine: number; endLine: number } | null = null,
): AnchoredFinding {
  const section = findNamedSection(doc, finding.section);
  // Model output is untrusted: a secret it repeats (pasted in the document, or talked out of it) never
  // reaches a finding, so it is neither posted nor stored in the ledger.
  const base = {
    engine: 'claude' as const,
    concern: finding.concern,
    ruleId: null,
    personas: [persona],
    severity: finding.severity,
    title: maskSecrets(finding.title.trim()),
    body: maskSecrets(finding.body.trim()),
    recommendation: finding.recommendation,
  };
  const quote = finding.quote === null ? '' : stripLineNumbers(finding.quote);
  if (quote.trim().length === 0) {
    return { draft: { ...base, suggestion: null, anchor: section ? sectionAnchor(doc, section) : documentAnchor(doc) }, unanchored: false };
  }

  const visible: PlanDocument = { ...doc, lines: [...visibleLines] };
  const within = section ? { startLine: section.startLine, endLine: section.endLine } : scope;
  const found = locateQuote(visible, quote, { within });
  if (found) {
    // A replacement is only offered where the quoted lines were identified for certain.
    const suggestion = found.method === 'fuzzy' ? null : blankToNull(finding.suggestion && maskSecrets(finding.suggestion));
    return { draft: { ...base, suggestion, anchor: lineAnchor(doc, found.startLine, found.endLine) }, unanchored: false };
  }
  const shown = quote.length > 300 ? `${quote.slice(0, 300)}…` : quote;
  return {
    draft: {
      ...base,
      body: `${base.body}\n\n_The reviewer quoted text that was not found in the document:_ “${maskSecrets(shown).replace(/\s+/g, ' ')}”`,
      suggestion: null,
      anchor: section ? sectionAnchor(doc, section) : documentAnchor(doc),
    },
    unanchored: true,
  };
}

/** Models sometimes copy the "  12 | " prefixes they were shown; strip them when every line has one. */
function stripLineNumbers(quote: string): string {
  const lines = quote.replace(/\r\n?/g, '\n').split('\n');
  const prefix = /^[ \t]*\d+ \| ?/;
  const numbered = lines.filter((l) => l.trim().length > 0).every((l) => prefix.test(l));
  return numbered ? lines.map((l) => l.replace(prefix, '')).join('\n') : lines.join('\n');
}

function blankToNull(text: string | null | undefined): string | null {
  return text && text.trim().length > 0 ? text : null;
}
