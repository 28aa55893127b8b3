import type { RawStmt } from 'libpg-query';
import type { CodeBlock, PlanDocument } from '../../../documents/schema.js';
import { loadPgParser, type PgParser } from './load-pg-parser.js';
import { makeLineLocator } from './make-line-locator.js';
import { makeSqlStatement } from './make-sql-statement.js';
import { splitSqlStatements } from './split-sql-statements.js';
import type { ParsedSql } from './sql-statement.js';

const SQL_LANGS = new Set(['sql', 'postgres', 'postgresql', 'psql', 'pgsql']);
const LEADING_NOISE = /^(?:\s+|--[^\r\n]*|\/\*[\s\S]*?\*\/)*/;
const WRITES_SCHEMA_OR_DATA = /^(?:create|alter|drop|insert|update|delete)\b/i;
const PSQL_META_COMMAND = /^[ \t]*\\.*$/gm;

type Attempt = { ok: true; stmts: RawStmt[] } | { ok: false; message: string; cursor: number };

function isLabeledSql(block: CodeBlock): boolean {
  return block.lang !== null && SQL_LANGS.has(block.lang.toLowerCase());
}

/** Authors often leave the language off a schema block; those count only when they read as SQL. */
function looksLikeSql(block: CodeBlock): boolean {
  return (block.lang === null || block.lang === '') && WRITES_SCHEMA_OR_DATA.test(block.value.replace(LEADING_NOISE, ''));
}

/**
 * psql scripts carry meta-commands (`\set ON_ERROR_STOP on`, `\c app`) the server grammar rejects.
 * They become spaces of the same byte length, so every location the parser reports still points
 * at the same byte, and so the same line, of the block.
 */
function blankMetaCommands(text: string): string {
  return text.replace(PSQL_META_COMMAND, (line) => ' '.repeat(Buffer.byteLength(line)));
}

function attempt(parser: PgParser, text: string): Attempt {
  try {
    return { ok: true, stmts: parser.parseSync(text).stmts ?? [] };
  } catch (error) {
    // The error cursor counts characters (code points), unlike node locations, which count bytes.
    const cursor = parser.hasSqlDetails(error) ? (error.sqlDetails?.cursorPosition ?? 0) : 0;
    return { ok: false, message: error instanceof Error ? error.message : String(error), cursor };
  }
}

/**
 * The document's SQL, statement by statement: ```sql (postgres, psql, pgsql) blocks, and unlabeled
 * blocks that read as SQL and parse. A labeled block that does not parse is reported once per
 * failing statement, and its other statements are still parsed; an unlabeled one is left alone,
 * since it may well not be SQL. Never throws on the document's content.
 */
export async function parseSqlBlocks(doc: PlanDocument): Promise<ParsedSql> {
  const parsed: ParsedSql = { statements: [], errors: [] };
  const blocks = doc.codeBlocks.filter((b) => b.value.trim() !== '' && (isLabeledSql(b) || looksLikeSql(b)));
  if (blocks.length === 0) return parsed;
  const parser = await loadPgParser();

  for (const block of blocks) {
    const source = blankMetaCommands(block.value);
    const bytes = Buffer.from(source, 'utf8');
    const locator = makeLineLocator(bytes, block.valueStartLine);
    const lastLine = locator.lineOfByte(Math.max(0, bytes.length - 1));
    const addStatements = (stmts: RawStmt[], base: number, end: number): void => {
      for (const raw of stmts) {
        const statement = makeSqlStatement(raw, block, bytes, base, end, locator);
        if (statement) parsed.statements.push(statement);
      }
    };
    const addError = (failure: { message: string; cursor: number }, base: number, text: string): void => {
      const offset = base + Buffer.byteLength(Array.from(text).slice(0, failure.cursor).join(''));
      parsed.errors.push({ block, message: failure.message, line: Math.min(locator.lineOfByte(offset), lastLine) });
    };

    const whole = attempt(parser, source);
    if (whole.ok) {
      addStatements(whole.stmts, 0, bytes.length);
      continue;
    }
    if (!isLabeledSql(block)) continue;
    // One placeholder (`...`, `<table>`) should not hide the block's other statements from review.
    const pieces = splitSqlStatements(parser, bytes);
    if (pieces === null) {
      addError(whole, 0, source);
      continue;
    }
    for (const piece of pieces) {
      const text = bytes.subarray(piece.start, piece.end).toString('utf8');
      if (text.replace(LEADING_NOISE, '') === '') continue;
      const result = attempt(parser, text);
      if (result.ok) addStatements(result.stmts, piece.start, piece.end);
      else addError(result, piece.start, text);
    }
  }
  return parsed;
}
