import type { Node } from 'libpg-query';
import { addColumn } from './add-column.js';
import { addConstraint } from './add-constraint.js';
import { type Gathering, pair } from './gathering.js';
import { tableNameOf } from './table-name-of.js';
import type { SqlStatement } from './sql-statement.js';
import type { SqlColumn, SqlSchema, SqlTable } from './types.js';

function gather(g: Gathering, statement: SqlStatement): void {
  const node: Node = statement.node;
  if ('CreateStmt' in node) {
    const stmt = node.CreateStmt;
    const table: SqlTable = {
      name: tableNameOf(stmt.relation),
      statement,
      ifNotExists: stmt.if_not_exists === true,
      temporary: stmt.relation?.relpersistence === 't',
      columns: [],
      hasPrimaryKey: false,
    };
    g.schema.tables.push(table);
    g.schema.createdTables.add(table.name);
    for (const element of stmt.tableElts ?? []) {
      if ('ColumnDef' in element) table.columns.push(addColumn(g, element.ColumnDef, table.name, statement, false));
      else if ('Constraint' in element) addConstraint(g, element.Constraint, table.name, statement, false);
    }
    for (const element of stmt.constraints ?? []) {
      if ('Constraint' in element) addConstraint(g, element.Constraint, table.name, statement, false);
    }
  } else if ('AlterTableStmt' in node) {
    const table = tableNameOf(node.AlterTableStmt.relation);
    for (const cmdNode of node.AlterTableStmt.cmds ?? []) {
      if (!('AlterTableCmd' in cmdNode)) continue;
      const cmd = cmdNode.AlterTableCmd;
      const def = cmd.def;
      const column = (cmd.name ?? '').toLowerCase();
      if (cmd.subtype === 'AT_AddColumn' && def && 'ColumnDef' in def) addColumn(g, def.ColumnDef, table, statement, true);
      else if (cmd.subtype === 'AT_AddConstraint' && def && 'Constraint' in def) addConstraint(g, def.Constraint, table, statement, true);
      else if (cmd.subtype === 'AT_SetNotNull' || (cmd.subtype === 'AT_ColumnDefault' && def)) g.nullHandled.add(pair(table, column));
    }
  } else if ('IndexStmt' in node) {
    const stmt = node.IndexStmt;
    const table = tableNameOf(stmt.relation);
    const columns = (stmt.indexParams ?? []).map((p) => ('IndexElem' in p ? (p.IndexElem.name ?? '').toLowerCase() : ''));
    g.schema.keys.push({ table, columns, unique: stmt.unique === true, partial: stmt.whereClause !== undefined });
    g.schema.indexes.push({ table, name: stmt.idxname ?? null, concurrent: stmt.concurrent === true, ifNotExists: stmt.if_not_exists === true, statement });
  }
}

/**
 * What the document's SQL declares, read in document order across all blocks: a plan often
 * creates a table in one block and indexes or constrains it in another.
 */
export function describeSchema(statements: SqlStatement[]): SqlSchema {
  const g: Gathering = {
    schema: { tables: [], createdTables: new Set(), columns: [], foreignKeys: [], keys: [], indexes: [] },
    drafts: [],
    nullHandled: new Set(),
    checked: new Set(),
    primaryKeyTables: new Set(),
  };
  for (const statement of statements) gather(g, statement);

  const defined = new Map<string, SqlColumn>();
  for (const column of g.schema.columns) {
    const key = pair(column.table, column.name);
    if (!defined.has(key)) defined.set(key, column);
    if (g.nullHandled.has(key)) column.nullHandled = true;
    if (g.checked.has(key)) column.hasCheck = true;
  }
  for (const table of g.schema.tables) table.hasPrimaryKey = g.primaryKeyTables.has(table.name);
  g.schema.foreignKeys = g.drafts.map(({ inlineLine, ...fk }) => {
    const first = defined.get(pair(fk.table, fk.columns[0] ?? ''));
    return {
      ...fk,
      columnLine: inlineLine ?? first?.line ?? fk.constraintLine,
      columnsDefinedHere: fk.columns.every((c) => defined.has(pair(fk.table, c))),
    };
  });
  return g.schema;
}
