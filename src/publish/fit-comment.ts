/** Room left under GitHub's 65,536-character comment limit for the marker after the text. */
const MAX_TEXT = 60_000;

/** An answer that may echo someone's words (a reason, a model's reply to them), kept under GitHub's comment limit. */
export function fitComment(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, 59_900)}…\n\n(shortened to GitHub's comment size limit)` : text;
}
