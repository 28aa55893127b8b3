/** Waits of `firstMs`, doubling after each failed attempt, never over `capMs`. */
export function exponentialBackoff(firstMs: number, capMs = 30_000): (attempt: number) => number {
  return (attempt) => Math.min(capMs, firstMs * 2 ** (attempt - 1));
}
