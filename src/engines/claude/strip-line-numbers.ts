/** Models sometimes copy the "  12 | " prefixes they were shown; strip them when every line has one. */
export function stripLineNumbers(quote: string): string {
  const lines = quote.replace(/\r\n?/g, '\n').split('\n');
  const prefix = /^[ \t]*\d+ \| ?/;
  const numbered = lines.filter((l) => l.trim().length > 0).every((l) => prefix.test(l));
  return numbered ? lines.map((l) => l.replace(prefix, '')).join('\n') : lines.join('\n');
}
