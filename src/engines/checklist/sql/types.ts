import type { PlanDocument } from '../../../documents/schema.js';
import type { RuleHit } from '../rule-hit.js';
import type { SqlParseError, SqlStatement } from './sql-statement.js';

export interface SqlTable {
  /** Lower-cased, without schema: plans mix `public.users` and `users`. */
  name: string;
  statement: SqlStatement;
  ifNotExists: boolean;
  temporary: boolean;
  columns: SqlColumn[];
  /** A primary key anywhere in the document, inline, table-level or added later. */
  hasPrimaryKey: boolean;
}

export interface SqlColumn {
  table: string;
  name: string;
  /** Lower-cased base type as the parser normalises it (`varchar`, `int4`, `bool`), `[]` appended for arrays. */
  type: string;
  /** Document line of the column's own definition. */
  line: number;
  statement: SqlStatement;
  /** Added by ALTER TABLE … ADD COLUMN rather than defined with its table. */
  added: boolean;
  /** NOT NULL or PRIMARY KEY in the column's own definition. */
  notNull: boolean;
  /** DEFAULT in the column's own definition. */
  hasDefault: boolean;
  /** Identity, generated or serial: the database supplies the value. */
  generated: boolean;
  /** Somewhere in the document NULL is ruled out, given a default, or declared NULL on purpose. */
  nullHandled: boolean;
  /** A CHECK constraint anywhere in the document mentions the column. */
  hasCheck: boolean;
}

export type OnDeleteAction = 'none' | 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

export interface SqlForeignKey {
  table: string;
  columns: string[];
  refTable: string;
  onDelete: OnDeleteAction;
  /** Added with NOT VALID, to be validated separately. */
  notValid: boolean;
  /** Added by ALTER TABLE … ADD CONSTRAINT (rather than with the table or its column). */
  viaAlterConstraint: boolean;
  /** Line of the REFERENCES clause. */
  referencesLine: number;
  /** Line where the constraint starts (ADD CONSTRAINT, FOREIGN KEY, or the inline REFERENCES). */
  constraintLine: number;
  /** Line of the referencing column's definition when the document defines it, else the constraint line. */
  columnLine: number;
  /** Every referencing column is defined in this document (so no index can exist outside it). */
  columnsDefinedHere: boolean;
  statement: SqlStatement;
}

/** A primary key, unique constraint or index: what makes a column list unique or searchable. */
export interface SqlKey {
  table: string;
  /** Key columns in order; an expression is the empty string, so it never matches a column name. */
  columns: string[];
  unique: boolean;
  /** A partial index (WHERE …) does not make its columns unique or indexed for every row. */
  partial: boolean;
}

export interface SqlIndex {
  table: string;
  name: string | null;
  concurrent: boolean;
  ifNotExists: boolean;
  statement: SqlStatement;
}

/** What the document's SQL declares, gathered across all its blocks in document order. */
export interface SqlSchema {
  /** CREATE TABLE statements, in document order. */
  tables: SqlTable[];
  /** Names of tables created in this document; any other table is taken to exist already, with data. */
  createdTables: Set<string>;
  /** Columns of created tables and columns added with ALTER TABLE. */
  columns: SqlColumn[];
  foreignKeys: SqlForeignKey[];
  keys: SqlKey[];
  indexes: SqlIndex[];
}

export interface SqlContext {
  doc: PlanDocument;
  statements: SqlStatement[];
  errors: SqlParseError[];
  schema: SqlSchema;
}

/** A rule's hit before the runner stamps it with the rule id. */
export type SqlHit = Omit<RuleHit, 'ruleId'>;

export type SqlCheck = (context: SqlContext) => SqlHit[];
