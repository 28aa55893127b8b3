import { lineAnchor } from '../../../../findings/make-anchor.js';
import type { SqlContext, SqlHit } from '../types.js';

const TABLE_KEYWORD = /\b(CREATE\b.*?\bTABLE)(\s+)(?!IF\b)/i;
const INDEX_KEYWORD = /\b(CREATE\b.*?\bINDEX(?:\s+CONCURRENTLY)?)(\s+)(?!IF\b)/i;

function withIfNotExists(line: string, keyword: RegExp): string | null {
  if (!keyword.test(line)) return null;
  return line.replace(keyword, (_m, kw: string, space: string) => `${kw} ${kw === kw.toLowerCase() ? 'if not exists' : 'IF NOT EXISTS'}${space}`);
}

/** A migration that stops at "already exists" when re-run after a partial failure needs a person to finish it. */
export function checkCreateWithoutIfNotExists({ doc, schema }: SqlContext): SqlHit[] {
  const hits: SqlHit[] = [];
  // A plan often shows a table twice — a design sketch and the migration itself. When the
  // migration creates it idempotently, the sketch is not what runs.
  const safeTables = new Set(schema.tables.filter((t) => t.ifNotExists).map((t) => t.name));
  const safeIndexes = new Set(schema.indexes.filter((i) => i.ifNotExists && i.name).map((i) => i.name));
  for (const table of schema.tables) {
    if (table.ifNotExists || table.temporary || safeTables.has(table.name)) continue;
    const line = table.statement.line;
    hits.push({ anchor: lineAnchor(doc, line), match: table.name, suggestion: withIfNotExists(doc.lines[line - 1] ?? '', TABLE_KEYWORD) });
  }
  for (const index of schema.indexes) {
    if (index.ifNotExists || (index.name && safeIndexes.has(index.name))) continue;
    const line = index.statement.line;
    // IF NOT EXISTS needs an index name, so an unnamed index gets no mechanical fix.
    const suggestion = index.name ? withIfNotExists(doc.lines[line - 1] ?? '', INDEX_KEYWORD) : null;
    hits.push({ anchor: lineAnchor(doc, line), match: index.name ?? `index on ${index.table}`, suggestion });
  }
  return hits.sort((a, b) => (a.anchor.startLine ?? 0) - (b.anchor.startLine ?? 0));
}
