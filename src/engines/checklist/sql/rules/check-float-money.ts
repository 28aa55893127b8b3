import { lineAnchor } from '../../../../findings/make-anchor.js';
import type { SqlContext, SqlHit } from '../types.js';

/** Binary floating point: `real`, `double precision`, `float(n)` as the parser normalises them. */
const FLOAT_TYPES = new Set(['float4', 'float8']);
/** Words in a column name that say it holds money or a counted balance that must add up exactly. */
const EXACT_WORDS = new Set([
  'amount',
  'price',
  'balance',
  'total',
  'subtotal',
  'fee',
  'fees',
  'cost',
  'points',
  'credit',
  'credits',
  'debit',
  'tax',
  'payout',
  'refund',
  'charge',
  'salary',
  'wage',
  'discount',
  'commission',
  'cents',
]);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split('_')
    .filter(Boolean);
}

/** Money in binary floating point cannot hold 0.10 exactly: sums drift, and ledgers stop balancing by a cent. */
export function checkFloatMoney({ doc, schema }: SqlContext): SqlHit[] {
  return schema.columns
    .filter((c) => FLOAT_TYPES.has(c.type) && words(c.name).some((w) => EXACT_WORDS.has(w)))
    .map((c) => ({ anchor: lineAnchor(doc, c.line), match: `${c.table}.${c.name}` }));
}
