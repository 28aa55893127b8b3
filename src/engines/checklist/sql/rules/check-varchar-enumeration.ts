import { columnHit } from '../column-hit.js';
import { columnWords } from '../column-words.js';
import type { SqlContext, SqlHit } from '../types.js';

const TEXT_TYPES = new Set(['varchar', 'text', 'bpchar', 'citext']);
/** Last words of column names whose values come from a short, fixed list. */
const CLOSED_SET_WORDS = new Set([
  'status',
  'state',
  'type',
  'kind',
  'category',
  'tier',
  'plan',
  'role',
  'mode',
  'level',
  'priority',
  'severity',
  'stage',
  'phase',
  'theme',
  'gender',
  'visibility',
  'frequency',
  'direction',
  'outcome',
]);
/** Names that end like a closed set but hold open-ended values. */
const OPEN_SET_NAMES = new Set(['content_type', 'mime_type', 'media_type']);

const lastWord = (name: string): string => columnWords(name).at(-1) ?? '';

/** A free-text column for a closed set of values accepts typos and stale values that code then has to guess about. */
export function checkVarcharEnumeration({ doc, schema }: SqlContext): SqlHit[] {
  const lookedUp = new Set(schema.foreignKeys.flatMap((fk) => fk.columns.map((c) => `${fk.table}.${c}`)));
  return (
    schema.columns
      .filter((c) => TEXT_TYPES.has(c.type) && !c.hasCheck && CLOSED_SET_WORDS.has(lastWord(c.name)) && !OPEN_SET_NAMES.has(c.name))
      // A foreign key to a lookup table constrains the values as well as a CHECK does.
      .filter((c) => !lookedUp.has(`${c.table}.${c.name}`))
      .map((c) => columnHit(doc, c))
  );
}
