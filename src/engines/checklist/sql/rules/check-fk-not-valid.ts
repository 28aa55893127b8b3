import { lineAnchor } from '../../../../findings/make-anchor.js';
import { labelForeignKey } from '../label-foreign-key.js';
import type { SqlContext, SqlHit } from '../types.js';

/** A foreign key added to an existing table checks every row while holding locks on both tables. */
export function checkFkNotValid({ doc, schema }: SqlContext): SqlHit[] {
  return schema.foreignKeys
    .filter((fk) => fk.viaAlterConstraint && !fk.notValid && !schema.createdTables.has(fk.table))
    .map((fk) => ({ anchor: lineAnchor(doc, fk.constraintLine), match: labelForeignKey(fk) }));
}
