import type { SqlForeignKey, SqlSchema } from './types.js';

/** A foreign key before every statement is read: where its column is defined is known only at the end. */
export type DraftForeignKey = Omit<SqlForeignKey, 'columnLine' | 'columnsDefinedHere'> & { inlineLine: number | null };

/** What `describeSchema` accumulates statement by statement. */
export interface Gathering {
  schema: SqlSchema;
  drafts: DraftForeignKey[];
  /** `table.column` pairs a later statement makes NOT NULL or gives a default. */
  nullHandled: Set<string>;
  checked: Set<string>;
  primaryKeyTables: Set<string>;
}

export const pair = (table: string, column: string): string => `${table}.${column}`;
