import type { Node } from 'libpg-query';
import type { CodeBlock } from '../../../documents/schema.js';

/** One statement the PostgreSQL parser accepted, with the means to place its parts on document lines. */
export interface SqlStatement {
  /** The statement node as libpg-query returns it, e.g. `{ CreateStmt: … }`. */
  node: Node;
  block: CodeBlock;
  /** Document line of the statement's first token. */
  line: number;
  /** Document line of a `location` the parser reported for a node of this statement; the statement line when absent. */
  lineAt(location: number | undefined): number;
  /** Source from a `location` to the end of the statement, for what the AST folds away (an explicit ON DELETE NO ACTION). */
  textFrom(location: number | undefined): string;
  /** Document line of the first match of `pattern` in the statement's source, or null. */
  lineOfMatch(pattern: RegExp): number | null;
}

export interface SqlParseError {
  block: CodeBlock;
  message: string;
  /** Document line the parser's cursor points at (the block's first line when it gives none). */
  line: number;
}

export interface ParsedSql {
  statements: SqlStatement[];
  errors: SqlParseError[];
}
