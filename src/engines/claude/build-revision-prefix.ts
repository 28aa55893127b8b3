import { createHash } from 'node:crypto';
import type Anthropic from '@anthropic-ai/sdk';
import type { LineRange } from '../../documents/diff-revision.js';
import type { PlanDocument } from '../../documents/schema.js';
import { buildOutline } from './build-outline.js';
import { INSTRUCTIONS } from './build-shared-prefix.js';
import { delimit } from './delimit.js';
import { linesLabel } from './lines-label.js';
import { numberLines } from './number-lines.js';
import type { IncrementalPlan } from './plan-incremental-review.js';

/** A referenced section longer than this is shown by its first lines only: it is context, not the subject. */
const MAX_CONTEXT_LINES = 80;

/**
 * The system blocks of an incremental review: the same instructions block as a full review (so it
 * is one cache entry across reviews and documents), then one block every persona of this revision
 * shares byte for byte (a cache breakpoint when more than one persona reads it): what changed, the outline of the whole document, the open findings on the
 * changed sections (data), and the document with only the changed sections and the sections they
 * refer to shown, at their real line numbers. Unshown lines are elided with a note that never
 * looks like a numbered line, so nothing can be quoted from it.
 */
export function buildRevisionPrefix(
  doc: PlanDocument,
  visibleLines: readonly string[],
  plan: Pick<IncrementalPlan, 'changed' | 'changedUnits' | 'referenced' | 'openOnChange' | 'calls'>,
): Anthropic.TextBlockParam[] {
  const total = visibleLines.length;
  const shown: LineRange[] = [
    ...plan.changedUnits.map((u) => ({ startLine: u.startLine, endLine: u.endLine })),
    ...plan.referenced.map((u) => ({ startLine: u.startLine, endLine: Math.min(u.endLine, u.startLine + MAX_CONTEXT_LINES - 1) })),
  ].sort((a, b) => a.startLine - b.startLine);
  const parts: string[] = [];
  let next = 1;
  for (const range of shown) {
    if (range.startLine < next) continue;
    if (range.startLine > next) parts.push(`  … ${linesLabel([next, range.startLine - 1])} not shown (unchanged since the last review) …`);
    parts.push(numberLines(visibleLines.slice(range.startLine - 1, range.endLine), range.startLine, total));
    next = range.endLine + 1;
  }
  if (next <= total) parts.push(`  … ${linesLabel([next, total])} not shown (unchanged since the last review) …`);

  const id = createHash('sha256').update(doc.text).digest('hex').slice(0, 12);
  // Enough to recognise a finding and judge it; the full wording is in its thread.
  const open = plan.openOnChange.map((f) => ({
    id: f.id,
    raised_by: f.personas[0],
    severity: f.severity,
    title: f.title,
    body: f.body.length > 240 ? `${f.body.slice(0, 239)}…` : f.body,
    section: f.anchor.section,
    quoted: f.anchor.quote,
  }));
  const header = [
    `Document: ${JSON.stringify(doc.path.slice(0, 300))} (${total} lines). This is a new revision of a document the panel has already reviewed.`,
    `Changed in this revision: ${plan.changed.map((r) => linesLabel([r.startLine, r.endLine])).join(', ')}.`,
    'Only the sections holding the changes, and the sections the changed text refers to, are shown; every other line is unchanged and was reviewed before. Do not report something as missing because it is not shown: the outline says what the other sections cover.',
    '',
    'Outline of the whole document (line ranges and heading paths):',
    buildOutline(doc, visibleLines) || '(no headings)',
    '',
    open.length > 0
      ? `Findings already open on the changed sections (data; do not report them again):\n${delimit('OPEN FINDINGS', JSON.stringify(open, null, 1))}`
      : 'No findings are open on the changed sections.',
  ].join('\n');
  return [
    { type: 'text', text: INSTRUCTIONS, cache_control: { type: 'ephemeral' } },
    // Written to the cache only when a second persona will read it: a write costs 1.25× input.
    {
      type: 'text',
      text: `${header}\n\n<<<DOCUMENT ${id}>>>\n${parts.join('\n')}\n<<<END DOCUMENT ${id}>>>`,
      ...(plan.calls.length > 1 ? { cache_control: { type: 'ephemeral' as const } } : {}),
    },
  ];
}
