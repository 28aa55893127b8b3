import type { ColumnDef } from 'libpg-query';
import { draftForeignKey } from './draft-foreign-key.js';
import { type Gathering, pair } from './gathering.js';
import { namesOf } from './names-of.js';
import type { SqlStatement } from './sql-statement.js';
import type { SqlColumn } from './types.js';

const SERIAL_TYPES = new Set(['serial', 'serial2', 'serial4', 'serial8', 'smallserial', 'bigserial']);

/** A column definition (in CREATE TABLE or ADD COLUMN) with its inline constraints. */
export function addColumn(g: Gathering, def: ColumnDef, table: string, statement: SqlStatement, added: boolean): SqlColumn {
  const name = (def.colname ?? '').toLowerCase();
  const typeNames = namesOf(def.typeName?.names);
  const base = (typeNames.at(-1) ?? '').toLowerCase();
  const column: SqlColumn = {
    table,
    name,
    type: def.typeName?.arrayBounds?.length ? `${base}[]` : base,
    line: statement.lineAt(def.location),
    statement,
    added,
    notNull: def.is_not_null === true,
    hasDefault: def.raw_default !== undefined,
    generated: SERIAL_TYPES.has(base) || Boolean(def.identity) || Boolean(def.generated),
    nullHandled: false,
    hasCheck: false,
  };
  let explicitNull = false;
  for (const node of def.constraints ?? []) {
    if (!('Constraint' in node)) continue;
    const c = node.Constraint;
    switch (c.contype) {
      case 'CONSTR_NOTNULL':
        column.notNull = true;
        break;
      case 'CONSTR_NULL':
        explicitNull = true;
        break;
      case 'CONSTR_DEFAULT':
        column.hasDefault = true;
        break;
      case 'CONSTR_IDENTITY':
      case 'CONSTR_GENERATED':
        column.generated = true;
        break;
      case 'CONSTR_CHECK':
        g.checked.add(pair(table, name));
        break;
      case 'CONSTR_PRIMARY':
        column.notNull = true;
        g.primaryKeyTables.add(table);
        g.schema.keys.push({ table, columns: [name], unique: true, partial: false });
        break;
      case 'CONSTR_UNIQUE':
        g.schema.keys.push({ table, columns: [name], unique: true, partial: false });
        break;
      case 'CONSTR_FOREIGN':
        g.drafts.push(draftForeignKey(c, table, [name], statement, false, column.line));
        break;
      default:
        break;
    }
  }
  column.nullHandled = column.notNull || column.hasDefault || column.generated || explicitNull;
  g.schema.columns.push(column);
  return column;
}
