import { lineAnchor } from '../../../../findings/make-anchor.js';
import { matchOneToOneTable } from '../match-one-to-one-table.js';
import type { SqlContext, SqlForeignKey, SqlHit } from '../types.js';

function singular(name: string): string {
  if (name.endsWith('ies')) return `${name.slice(0, -3)}y`;
  if (/(?:s|x|z|ch|sh)es$/.test(name)) return name.slice(0, -2);
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

/**
 * A table meant to hold one row per owner (`user_preferences`) needs the database to say so;
 * otherwise a double submit or a retried backfill leaves two rows and reads pick one at random.
 */
export function checkFkNotUnique({ doc, schema }: SqlContext): SqlHit[] {
  const hits: SqlHit[] = [];
  for (const table of schema.tables) {
    const owner = matchOneToOneTable(table.name);
    if (owner === null) continue;
    const single = schema.foreignKeys.filter((fk) => fk.table === table.name && fk.columns.length === 1);
    const ownerKey: SqlForeignKey | undefined =
      single.find((fk) => owner !== '' && (singular(fk.refTable) === owner || fk.refTable === owner)) ?? (single.length === 1 ? single[0] : undefined);
    const column = ownerKey?.columns[0];
    if (!ownerKey || !column) continue;
    // Part of a composite unique key means several rows per owner by design (a key/value settings table).
    const unique = schema.keys.some((k) => k.table === table.name && k.unique && !k.partial && k.columns.includes(column));
    if (!unique) hits.push({ anchor: lineAnchor(doc, ownerKey.columnLine), match: `${table.name}.${column}` });
  }
  return hits;
}
