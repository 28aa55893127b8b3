import type { ColumnDef, ColumnRef, Constraint, Node } from 'libpg-query';
import { namesOf } from './names-of.js';
import { tableNameOf } from './table-name-of.js';
import type { OnDeleteAction, SqlColumn, SqlForeignKey, SqlSchema, SqlStatement, SqlTable } from './types.js';

const SERIAL_TYPES = new Set(['serial', 'serial2', 'serial4', 'serial8', 'smallserial', 'bigserial']);
const DELETE_ACTIONS: Record<string, OnDeleteAction> = { r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

type DraftForeignKey = Omit<SqlForeignKey, 'columnLine' | 'columnsDefinedHere'> & { inlineLine: number | null };

interface Gathering {
  schema: SqlSchema;
  drafts: DraftForeignKey[];
  /** `table.column` pairs a later statement makes NOT NULL or gives a default. */
  nullHandled: Set<string>;
  checked: Set<string>;
  primaryKeyTables: Set<string>;
}

const pair = (table: string, column: string): string => `${table}.${column}`;

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

/** The source of one constraint: up to the comma or parenthesis that closes it, skipping quoted text. */
function constraintSource(text: string): string {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return text.slice(0, i);
    else if ((ch === ',' && depth === 0) || ch === ';') return text.slice(0, i);
  }
  return text;
}

function onDeleteOf(constraint: Constraint, statement: SqlStatement): OnDeleteAction {
  const action = DELETE_ACTIONS[constraint.fk_del_action ?? 'a'];
  if (action) return action;
  // NO ACTION is also the parser's value when the clause is absent; only the source tells a choice from an omission.
  return /\bON\s+DELETE\b/i.test(constraintSource(statement.textFrom(constraint.location))) ? 'no action' : 'none';
}

function draftForeignKey(c: Constraint, table: string, columns: string[], statement: SqlStatement, viaAlterConstraint: boolean, inlineLine: number | null): DraftForeignKey {
  return {
    table,
    columns,
    refTable: tableNameOf(c.pktable),
    onDelete: onDeleteOf(c, statement),
    notValid: c.skip_validation === true,
    viaAlterConstraint,
    referencesLine: statement.lineAt(c.pktable?.location ?? c.location),
    constraintLine: statement.lineAt(c.location),
    statement,
    inlineLine,
  };
}

function addColumn(g: Gathering, def: ColumnDef, table: string, statement: SqlStatement, added: boolean): SqlColumn {
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

function addConstraint(g: Gathering, c: Constraint, table: string, statement: SqlStatement, viaAlter: boolean): void {
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
      g.drafts.push(draftForeignKey(c, table, namesOf(c.fk_attrs).map((a) => a.toLowerCase()), statement, viaAlter, null));
      break;
    default:
      break;
  }
}

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
