import { findSection } from '../../../../documents/find-section.js';
import { sectionAnchor } from '../../../../findings/make-anchor.js';
import { classifyTimestamp } from '../classify-timestamp.js';
import type { SqlContext, SqlHit, SqlTable } from '../types.js';

/** A table of nothing but keys to other tables (user_roles) records a link, not a history worth auditing. */
function isJoinTable(table: SqlTable, fkColumns: Set<string>): boolean {
  const links = table.columns.filter((c) => fkColumns.has(`${table.name}.${c.name}`));
  return links.length >= 2 && table.columns.every((c) => links.includes(c) || c.generated);
}

/** The absence of a column has no line of its own, so the finding sits on the section that defines the table. */
export function checkNoTimestamps({ doc, schema }: SqlContext): SqlHit[] {
  const fkColumns = new Set(schema.foreignKeys.flatMap((fk) => fk.columns.map((c) => `${fk.table}.${c}`)));
  const hits: SqlHit[] = [];
  for (const table of schema.tables) {
    if (table.temporary || table.columns.length === 0 || isJoinTable(table, fkColumns)) continue;
    const stamped = schema.columns.some((c) => c.table === table.name && classifyTimestamp(c.name) !== null);
    if (!stamped) hits.push({ anchor: sectionAnchor(doc, findSection(doc, table.statement.block.startLine)), match: table.name });
  }
  return hits;
}
