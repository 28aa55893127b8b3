import type { RawStmt } from 'libpg-query';
import type { CodeBlock } from '../../../documents/schema.js';
import type { LineLocator } from './make-line-locator.js';
import type { SqlStatement } from './sql-statement.js';

/** One parsed statement of a block, its parser offsets (bytes from `base`) turned into document lines. */
export function makeSqlStatement(raw: RawStmt, block: CodeBlock, bytes: Buffer, base: number, pieceEnd: number, locator: LineLocator): SqlStatement | null {
  if (!raw.stmt) return null;
  const start = base + (raw.stmt_location ?? 0);
  // A zero or missing length means "to the end of the parsed text".
  const end = raw.stmt_len ? start + raw.stmt_len : pieceEnd;
  const line = locator.lineOfByte(start);
  const source = bytes.subarray(start, end).toString('utf8');
  return {
    node: raw.stmt,
    block,
    line,
    lineAt: (location) => (location === undefined || location < 0 ? line : locator.lineOfByte(base + location)),
    textFrom: (location) => (location === undefined || location < 0 ? source : bytes.subarray(base + location, end).toString('utf8')),
    lineOfMatch: (pattern) => {
      const m = pattern.exec(source);
      return m ? locator.lineOfByte(start + Buffer.byteLength(source.slice(0, m.index))) : null;
    },
  };
}
