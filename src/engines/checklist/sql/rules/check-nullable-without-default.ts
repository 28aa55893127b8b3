import { lineAnchor } from '../../../../findings/make-anchor.js';
import { classifyTimestamp } from '../classify-timestamp.js';
import type { SqlColumn, SqlContext, SqlHit } from '../types.js';

const MOMENT_TYPES = new Set(['date', 'time', 'timetz', 'timestamp', 'timestamptz']);

/** `deleted_at`, `sent_at`: NULL conventionally means "has not happened", so it is a decision already made. */
function isEventTime(c: SqlColumn): boolean {
  return MOMENT_TYPES.has(c.type) && classifyTimestamp(c.name) === null;
}

/**
 * One finding per table rather than per column: the question (what does NULL mean here?) is the
 * same for each, and a comment per column would bury the rest of the review.
 */
export function checkNullableWithoutDefault({ doc, schema }: SqlContext): SqlHit[] {
  const hits: SqlHit[] = [];
  for (const table of schema.tables) {
    if (table.temporary) continue;
    const open = table.columns.filter((c) => !c.nullHandled && !isEventTime(c));
    const first = open[0];
    const last = open.at(-1);
    if (!first || !last) continue;
    hits.push({ anchor: lineAnchor(doc, first.line, last.line), match: `${table.name} (${open.map((c) => c.name).join(', ')})` });
  }
  return hits;
}
