import { lineAnchor } from '../../../../findings/make-anchor.js';
import { classifyTimestamp } from '../classify-timestamp.js';
import { matchOneToOneTable } from '../match-one-to-one-table.js';
import type { SqlContext, SqlHit } from '../types.js';

const MIN_SETTING_COLUMNS = 3;

/** A column per setting turns every new setting into a schema migration. */
export function checkSettingsColumns({ doc, schema }: SqlContext): SqlHit[] {
  const structural = new Set([
    ...schema.foreignKeys.flatMap((fk) => fk.columns.map((c) => `${fk.table}.${c}`)),
    ...schema.keys.filter((k) => k.unique).flatMap((k) => k.columns.map((c) => `${k.table}.${c}`)),
  ]);
  const hits: SqlHit[] = [];
  for (const table of schema.tables) {
    if (matchOneToOneTable(table.name) === null) continue;
    if (table.columns.some((c) => c.type === 'json' || c.type === 'jsonb')) continue;
    const settings = table.columns.filter((c) => !c.generated && !structural.has(`${table.name}.${c.name}`) && classifyTimestamp(c.name) === null);
    if (settings.length >= MIN_SETTING_COLUMNS) hits.push({ anchor: lineAnchor(doc, table.statement.line), match: table.name });
  }
  return hits;
}
