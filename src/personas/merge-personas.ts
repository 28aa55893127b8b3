/** The repository's personas over the built-in ones: a folder persona with a built-in id replaces it. */
export function mergePersonas<T extends { id: string }>(base: T[], extra: T[]): T[] {
  const byId = new Map(base.map((p) => [p.id, p]));
  for (const p of extra) byId.set(p.id, p);
  return [...byId.values()];
}
