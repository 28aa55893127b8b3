import { normaliseHeading } from './normalise-heading.js';

/** "Design overview" is a Design section and "Goals and non-goals" a Goals one; "Non-goals" is not Goals. */
export function sameHeading(title: string, name: string): boolean {
  const t = normaliseHeading(title);
  const n = normaliseHeading(name);
  return t === n || t.startsWith(`${n} `);
}
