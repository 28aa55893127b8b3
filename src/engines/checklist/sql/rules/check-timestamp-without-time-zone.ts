import { columnHit } from '../column-hit.js';
import type { SqlContext, SqlHit } from '../types.js';

/**
 * `timestamp` (without time zone) stores a wall-clock reading with no offset: the same instant is
 * written two ways across servers or a daylight-saving change, and the repeated autumn hour cannot
 * be told apart afterwards. squawk's `prefer-timestamptz` and the PostgreSQL wiki say the same.
 */
export function checkTimestampWithoutTimeZone({ doc, schema }: SqlContext): SqlHit[] {
  return schema.columns.filter((c) => c.type === 'timestamp' || c.type === 'timestamp[]').map((c) => columnHit(doc, c));
}
