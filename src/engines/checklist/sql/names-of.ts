import type { Node } from 'libpg-query';

/** The plain names in a parser name list (`public.users` → ['public', 'users']); other nodes are skipped. */
export function namesOf(nodes: Node[] | undefined): string[] {
  const names: string[] = [];
  for (const n of nodes ?? []) {
    if ('String' in n && n.String.sval !== undefined) names.push(n.String.sval);
  }
  return names;
}
