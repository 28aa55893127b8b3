import type { PlanDocument } from '../../documents/schema.js';
import type { LedgerEntry } from '../../ledger/schema.js';
import { findNamedSection } from './find-named-section.js';
import type { Chunk } from './split-into-chunks.js';

/** The chunk a finding belongs to: where its anchor (or its named section) is now, else the first. */
export function chunkOfEntry(doc: PlanDocument, chunks: Chunk[], entry: LedgerEntry, lineNow: number | null): Chunk {
  const anchor = entry.finding.anchor;
  const line =
    lineNow ??
    findNamedSection(doc, anchor.section)?.headingLine ??
    (anchor.startLine !== null && anchor.startLine <= doc.lines.length ? anchor.startLine : null);
  return (line !== null ? chunks.find((c) => c.startLine <= line && line <= c.endLine) : undefined) ?? chunks[0]!;
}
