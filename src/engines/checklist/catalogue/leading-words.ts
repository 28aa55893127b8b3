/**
 * The word starts a regex term needs, when they can be read off its source: for `\bpartitions?
 * (?:for|until)` a match must begin a word with "partition"; for `\b(?:send|queue)\w*` with
 * "send" or "queue". A document with no word starting so cannot match, and the term is not
 * scanned at all: with a thousand concerns most regex terms have nothing to find in a given plan,
 * and a full-text scan per term was most of the offline review's time.
 *
 * Null when the source does not start with `\b` and a literal (or a group of literal
 * alternatives), or has an alternation at the top level: then the term is always scanned.
 * Prefixes are lower-case, at least two characters, letters and digits only (what a document
 * word is made of).
 */
export function leadingWords(source: string): string[] | null {
  if (!source.startsWith('\\b') || hasTopLevelAlternation(source)) return null;
  const rest = source.slice(2);
  if (rest.startsWith('(?:')) {
    const close = groupEnd(rest);
    if (close < 0 || isOptional(rest, close + 1)) return null;
    const body = rest.slice(3, close);
    const prefixes: string[] = [];
    for (const alternative of splitAlternatives(body)) {
      const run = literalRun(alternative);
      if (!run) return null;
      prefixes.push(run);
    }
    return prefixes.length > 0 ? [...new Set(prefixes)] : null;
  }
  const run = literalRun(rest);
  return run ? [run] : null;
}

const ALNUM = /[A-Za-z0-9]/;

/** The letters and digits a piece of pattern must start with (a quantified last one dropped). */
function literalRun(pattern: string): string | null {
  let i = 0;
  while (i < pattern.length && ALNUM.test(pattern[i]!)) i++;
  // "partitions?" needs only "partition": the quantified character may be absent.
  if (i < pattern.length && isQuantifier(pattern, i)) i--;
  return i >= 2 ? pattern.slice(0, i).toLowerCase() : null;
}

function isQuantifier(pattern: string, at: number): boolean {
  const c = pattern[at];
  return c === '?' || c === '*' || c === '+' || c === '{';
}

/** A group followed by `?`, `*` or `{0,…}` may match nothing, so it requires nothing. */
function isOptional(pattern: string, at: number): boolean {
  const c = pattern[at];
  return c === '?' || c === '*' || pattern.startsWith('{0', at);
}

/**
 * Calls `visit` with each syntax character of a pattern and its group depth (a `(` counts inside its
 * group, a `)` too), skipping escaped characters and character classes; stops when `visit` says so.
 */
function walk(pattern: string, visit: (c: string, at: number, depth: number) => boolean | undefined): void {
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(pattern, i);
    else if (c === '(' && visit(c, i, ++depth)) return;
    else if (c === ')' && visit(c, i, depth--)) return;
    else if (c !== '(' && c !== ')' && visit(c, i, depth)) return;
  }
}

/** Index of the `)` closing the group that opens at 0; -1 if none. */
function groupEnd(pattern: string): number {
  let end = -1;
  walk(pattern, (c, at, depth) => {
    if (c === ')' && depth === 1) end = at;
    return end >= 0;
  });
  return end;
}

function classEnd(pattern: string, open: number): number {
  for (let i = open + 1; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return pattern.length;
}

/** The `|`-separated parts of a group body, at its own depth only. */
function splitAlternatives(body: string): string[] {
  const parts: string[] = [];
  let from = 0;
  walk(body, (c, at, depth) => {
    if (c === '|' && depth === 0) {
      parts.push(body.slice(from, at));
      from = at + 1;
    }
    return false;
  });
  parts.push(body.slice(from));
  return parts;
}

function hasTopLevelAlternation(source: string): boolean {
  return splitAlternatives(source).length > 1;
}
