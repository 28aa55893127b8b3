export interface QuoteLocation {
  startLine: number;
  endLine: number;
  method: 'exact' | 'normalised' | 'fuzzy';
  /** 1 for exact and normalised matches; the similarity for fuzzy ones. */
  score: number;
}

export interface QuoteHint {
  /** Prefer matches near this line (a model's or the previous revision's line). */
  line?: number | null;
  /** Restrict the fuzzy pass to these lines (the section the finding names). */
  within?: { startLine: number; endLine: number } | null;
}
