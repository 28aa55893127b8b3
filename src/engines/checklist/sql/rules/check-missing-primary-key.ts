import { lineAnchor } from '../../../../findings/make-anchor.js';
import type { SqlContext, SqlHit } from '../types.js';

/** Without a primary key, rows cannot be addressed one by one, and logical replication cannot update or delete them. */
export function checkMissingPrimaryKey({ doc, schema }: SqlContext): SqlHit[] {
  return schema.tables
    .filter((t) => !t.temporary && t.columns.length > 0 && !t.hasPrimaryKey)
    .map((t) => ({ anchor: lineAnchor(doc, t.statement.line), match: t.name }));
}
