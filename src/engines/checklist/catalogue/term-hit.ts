/** Where a term occurs: a line of the plan, and the words as the plan writes them. */
export interface TermHit {
  line: number;
  /** The text as the plan writes it. */
  text: string;
  /** For a phrase wrapped onto the next line (handled terms): its part on this line and its part there. */
  wrapped?: { head: string; rest: string };
}
