import type { Constraint } from 'libpg-query';
import type { DraftForeignKey } from './gathering.js';
import { tableNameOf } from './table-name-of.js';
import type { SqlStatement } from './sql-statement.js';
import type { OnDeleteAction } from './types.js';

const DELETE_ACTIONS: Record<string, OnDeleteAction> = { r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

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

export function draftForeignKey(
  c: Constraint,
  table: string,
  columns: string[],
  statement: SqlStatement,
  viaAlterConstraint: boolean,
  inlineLine: number | null,
): DraftForeignKey {
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
