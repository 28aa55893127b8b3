import type { ColumnRef, Constraint } from 'libpg-query';
import { draftForeignKey } from './draft-foreign-key.js';
import { type Gathering, pair } from './gathering.js';
import { namesOf } from './names-of.js';
import type { SqlStatement } from './sql-statement.js';

/** A table constraint (in CREATE TABLE or ADD CONSTRAINT). */
export function addConstraint(g: Gathering, c: Constraint, table: string, statement: SqlStatement, viaAlter: boolean): void {
  const keys = namesOf(c.keys).map((k) => k.toLowerCase());
  switch (c.contype) {
    case 'CONSTR_PRIMARY':
      g.primaryKeyTables.add(table);
      for (const k of keys) g.nullHandled.add(pair(table, k));
      g.schema.keys.push({ table, columns: keys, unique: true, partial: false });
      break;
    case 'CONSTR_UNIQUE':
      g.schema.keys.push({ table, columns: keys, unique: true, partial: false });
      break;
    case 'CONSTR_NOTNULL':
      for (const k of keys) g.nullHandled.add(pair(table, k));
      break;
    case 'CONSTR_CHECK': {
      const refs = new Set<string>();
      collectColumnRefs(c.raw_expr, refs);
      for (const r of refs) g.checked.add(pair(table, r));
      break;
    }
    case 'CONSTR_FOREIGN':
      g.drafts.push(
        draftForeignKey(
          c,
          table,
          namesOf(c.fk_attrs).map((a) => a.toLowerCase()),
          statement,
          viaAlter,
          null,
        ),
      );
      break;
    default:
      break;
  }
}

function collectColumnRefs(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const n of node) collectColumnRefs(n, into);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const ref = (node as { ColumnRef?: ColumnRef }).ColumnRef;
  const name = ref ? namesOf(ref.fields).at(-1) : undefined;
  if (name) into.add(name.toLowerCase());
  for (const value of Object.values(node)) collectColumnRefs(value, into);
}
