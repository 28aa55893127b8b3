import type { SqlForeignKey } from './types.js';

/** `orders.user_id`, or `orders (a, b)` for a composite key: how findings name a foreign key. */
export function labelForeignKey(fk: SqlForeignKey): string {
  return fk.columns.length === 1 ? `${fk.table}.${fk.columns[0]}` : `${fk.table} (${fk.columns.join(', ')})`;
}
