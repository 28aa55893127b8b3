import { lineAnchor } from '../../../../findings/make-anchor.js';
import { namesOf } from '../names-of.js';
import { tableNameOf } from '../table-name-of.js';
import type { SqlContext, SqlHit } from '../types.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Renames and drops of what already exists break the code still running during the deploy. A table
 * or column the plan itself creates is exempt: dropping it is the plan's own rollback.
 */
export function checkRenameOrDropColumn({ doc, statements, schema }: SqlContext): SqlHit[] {
  const hits: SqlHit[] = [];
  const definedHere = new Set(schema.columns.map((c) => `${c.table}.${c.name}`));
  const existing = (table: string): boolean => table !== '' && !schema.createdTables.has(table);
  for (const statement of statements) {
    const node = statement.node;
    if ('RenameStmt' in node) {
      const stmt = node.RenameStmt;
      const table = tableNameOf(stmt.relation);
      if (!existing(table)) continue;
      if (stmt.renameType === 'OBJECT_COLUMN') hits.push({ anchor: lineAnchor(doc, statement.line), match: `${table}.${stmt.subname ?? ''}` });
      else if (stmt.renameType === 'OBJECT_TABLE') hits.push({ anchor: lineAnchor(doc, statement.line), match: table });
    } else if ('AlterTableStmt' in node) {
      const table = tableNameOf(node.AlterTableStmt.relation);
      if (!existing(table)) continue;
      for (const cmd of node.AlterTableStmt.cmds ?? []) {
        if (!('AlterTableCmd' in cmd) || cmd.AlterTableCmd.subtype !== 'AT_DropColumn') continue;
        const column = cmd.AlterTableCmd.name ?? '';
        if (definedHere.has(`${table}.${column.toLowerCase()}`)) continue;
        // ALTER TABLE commands carry no location; find this DROP in the source so a multi-line ALTER anchors on it.
        const at = statement.lineOfMatch(new RegExp(`\\bDROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?"?${escapeRegExp(column)}\\b`, 'i'));
        hits.push({ anchor: lineAnchor(doc, at ?? statement.line), match: `${table}.${column}` });
      }
    } else if ('DropStmt' in node && node.DropStmt.removeType === 'OBJECT_TABLE') {
      for (const object of node.DropStmt.objects ?? []) {
        const table = ('List' in object ? (namesOf(object.List.items).at(-1) ?? '') : '').toLowerCase();
        if (existing(table)) hits.push({ anchor: lineAnchor(doc, statement.line), match: table });
      }
    }
  }
  return hits;
}
