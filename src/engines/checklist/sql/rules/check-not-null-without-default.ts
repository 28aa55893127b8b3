import { columnHit } from '../column-hit.js';
import type { SqlContext, SqlHit } from '../types.js';

/** ADD COLUMN … NOT NULL with no DEFAULT fails on any table that already has rows. */
export function checkNotNullWithoutDefault({ doc, schema }: SqlContext): SqlHit[] {
  return schema.columns
    .filter((c) => c.added && !schema.createdTables.has(c.table) && c.notNull && !c.hasDefault && !c.generated)
    .map((c) => columnHit(doc, c));
}
