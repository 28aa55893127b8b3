import { lineAnchor } from '../../../../findings/make-anchor.js';
import type { SqlContext, SqlHit } from '../types.js';

/** SQL the parser rejects cannot be reviewed by the other rules, and often will not run as written. */
export function checkParseError({ doc, errors }: SqlContext): SqlHit[] {
  return errors.map((e) => ({ anchor: lineAnchor(doc, e.line), match: e.message }));
}
