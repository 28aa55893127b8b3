/** Where a term occurs: a line of the plan, and the words as the plan writes them. */
export interface TermHit {
  line: number;
  /** The text as the plan writes it. */
  text: string;
}
