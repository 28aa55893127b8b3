export interface LineLocator {
  /** Document line holding the byte at `offset` (UTF-8) of the located text. */
  lineOfByte(offset: number): number;
}

/**
 * libpg-query reports node locations as UTF-8 byte offsets, so lines are found by bytes: a comment
 * with an é or an emoji before a statement would otherwise shift every line after it.
 */
export function makeLineLocator(bytes: Uint8Array, firstLine: number): LineLocator {
  // Byte offset at which each line starts; CRLF, CR and LF each end a line, as parseDocument counts them.
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0d && bytes[i + 1] === 0x0a) continue;
    if (b === 0x0d || b === 0x0a) starts.push(i + 1);
  }
  return {
    lineOfByte(offset: number): number {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] ?? 0) <= offset) lo = mid;
        else hi = mid - 1;
      }
      return firstLine + lo;
    },
  };
}
