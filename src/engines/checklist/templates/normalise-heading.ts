/** Heading text as templates name it: no numbering, case, punctuation or "(optional)". */
const normalised = new Map<string, string>();

export function normaliseHeading(text: string): string {
  let n = normalised.get(text);
  if (n === undefined) {
    n = normalise(text);
    if (normalised.size < 50_000) normalised.set(text, n);
  }
  return n;
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/\(optional\)/g, ' ')
    .replace(/^[\s\d.)]+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
