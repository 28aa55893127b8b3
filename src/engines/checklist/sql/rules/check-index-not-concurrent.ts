import { lineAnchor } from '../../../../findings/make-anchor.js';
import type { SqlContext, SqlHit } from '../types.js';

const CREATE_INDEX = /\b(CREATE\s+(?:UNIQUE\s+)?INDEX)\b(?!\s+CONCURRENTLY\b)/i;

/** A plain CREATE INDEX blocks writes to a live table for the whole build; a table created in the same plan is empty. */
export function checkIndexNotConcurrent({ doc, schema }: SqlContext): SqlHit[] {
  return schema.indexes
    .filter((i) => !i.concurrent && !schema.createdTables.has(i.table))
    .map((i) => {
      const line = i.statement.line;
      const text = doc.lines[line - 1] ?? '';
      const suggestion = CREATE_INDEX.test(text)
        ? text.replace(CREATE_INDEX, (kw: string) => `${kw} ${kw === kw.toLowerCase() ? 'concurrently' : 'CONCURRENTLY'}`)
        : null;
      return { anchor: lineAnchor(doc, line), match: i.table, suggestion };
    });
}
