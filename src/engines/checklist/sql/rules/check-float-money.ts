import { columnHit } from '../column-hit.js';
import { columnWords } from '../column-words.js';
import type { SqlContext, SqlHit } from '../types.js';

/** Binary floating point: `real`, `double precision`, `float(n)` as the parser normalises them. */
const FLOAT_TYPES = new Set(['float4', 'float8', 'float4[]', 'float8[]']);
/** Words in a column name that say it holds money or a counted balance that must add up exactly. */
const EXACT_WORDS = new Set([
  'amount',
  'price',
  'balance',
  'total',
  'subtotal',
  'fee',
  'cost',
  'point',
  'credit',
  'debit',
  'tax',
  'payout',
  'refund',
  'charge',
  'salary',
  'wage',
  'discount',
  'commission',
  'cent',
]);
/** Words that make a money-sounding name a ratio, a duration or a measure, which floats may hold. */
const MEASURE_WORDS = new Set(['rate', 'ratio', 'pct', 'percent', 'percentage', 'seconds', 'ms', 'duration', 'distance', 'score', 'weight', 'latency', 'data']);

/** A column name's words in the singular: `unit_prices` → unit, price. */
function words(name: string): string[] {
  return columnWords(name).map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

function holdsMoney(name: string): boolean {
  const ws = words(name);
  return ws.some((w) => EXACT_WORDS.has(w)) && !ws.some((w) => MEASURE_WORDS.has(w));
}

/** Money in binary floating point cannot hold 0.10 exactly: sums drift, and ledgers stop balancing by a cent. */
export function checkFloatMoney({ doc, schema }: SqlContext): SqlHit[] {
  return schema.columns.filter((c) => FLOAT_TYPES.has(c.type) && holdsMoney(c.name)).map((c) => columnHit(doc, c));
}
