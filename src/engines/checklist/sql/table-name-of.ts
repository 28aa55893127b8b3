import type { RangeVar } from 'libpg-query';

/**
 * Tables are compared by lower-cased name without schema: a plan that creates `public.users` and
 * later indexes `users` means the same table.
 */
export function tableNameOf(relation: RangeVar | undefined): string {
  return (relation?.relname ?? '').toLowerCase();
}
