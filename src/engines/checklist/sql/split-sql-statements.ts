import type { PgParser } from './load-pg-parser.js';

/** Byte ranges of the statements, cut at the scanner's semicolons so quoted or commented ones do not count. */
export function splitSqlStatements(parser: PgParser, bytes: Buffer): Array<{ start: number; end: number }> | null {
  let tokens;
  try {
    tokens = parser.scanSync(bytes.toString('utf8')).tokens;
  } catch {
    return null;
  }
  const pieces: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (const token of tokens) {
    if (token.text !== ';') continue;
    pieces.push({ start, end: token.end });
    start = token.end;
  }
  if (start < bytes.length) pieces.push({ start, end: bytes.length });
  return pieces;
}
