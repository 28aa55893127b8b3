/**
 * Text that came from a document or a model is untrusted. Before it reaches GitHub: @mentions are
 * broken with a zero-width space (no one is pinged by a plan), and HTML comments are escaped so
 * nothing can smuggle in a marker that looks like one of ours.
 */
export function sanitiseMarkdown(text: string): string {
  return text
    .replace(/<!--/g, '&lt;!--')
    .replace(/--!?>/g, (m) => m.replace('>', '&gt;'))
    .replace(/(^|[^\p{L}\p{N}_`\\/])@(?=[\p{L}\p{N}][\p{L}\p{N}_-]*)/gu, '$1@\u200B');
}
