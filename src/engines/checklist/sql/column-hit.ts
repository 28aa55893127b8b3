import { lineAnchor } from '../../../findings/make-anchor.js';
import type { PlanDocument } from '../../../documents/schema.js';
import type { SqlColumn, SqlHit } from './types.js';

/** A finding on a column's own definition line, named `table.column` for `{match}`. */
export function columnHit(doc: PlanDocument, column: SqlColumn): SqlHit {
  return { anchor: lineAnchor(doc, column.line), match: `${column.table}.${column.name}` };
}
