import { lineAnchor } from '../../../../findings/make-anchor.js';
import { labelForeignKey } from '../label-foreign-key.js';
import type { SqlContext, SqlHit } from '../types.js';

/** Without an ON DELETE action, deleting a parent either fails or, once someone drops the key, orphans rows. */
export function checkFkOnDelete({ doc, schema }: SqlContext): SqlHit[] {
  return schema.foreignKeys.filter((fk) => fk.onDelete === 'none').map((fk) => ({ anchor: lineAnchor(doc, fk.referencesLine), match: labelForeignKey(fk) }));
}
