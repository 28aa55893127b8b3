import { lineAnchor } from '../../../../findings/make-anchor.js';
import { labelForeignKey } from '../label-foreign-key.js';
import type { SqlContext, SqlHit } from '../types.js';

/**
 * PostgreSQL indexes the referenced side of a foreign key, never the referencing side. Only keys on
 * columns this document defines are judged: an existing column may have an index the plan never shows.
 */
export function checkFkWithoutIndex({ doc, schema }: SqlContext): SqlHit[] {
  return schema.foreignKeys
    .filter((fk) => fk.columnsDefinedHere)
    .filter((fk) => !schema.keys.some((k) => k.table === fk.table && fk.columns.every((c) => k.columns.slice(0, fk.columns.length).includes(c))))
    .map((fk) => ({ anchor: lineAnchor(doc, fk.columnLine), match: labelForeignKey(fk) }));
}
