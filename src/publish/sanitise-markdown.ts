import { maskSecrets } from '../logging/redaction.js';

/**
 * `@` as GitHub turns it into a mention once the Markdown is rendered: the character before it in
 * the *rendered* text must not be an ASCII word character (GitHub's \W), so Markdown escapes (`\@`),
 * emphasis (`_@x_`), a `/`, a non-ASCII letter or an HTML entity for `@` all still ping. Only an
 * ASCII letter or digit right before it (an e-mail address) is safe.
 */
const MENTION = /(?<![A-Za-z0-9])(?:@|&#0*64;|&#x0*40;|&commat;)(?=[A-Za-z0-9])/gi;
/**
 * A code span (GitHub never links a mention inside one; it cannot cross a blank line or open on an
 * escaped backtick), or the destination of an inline link — only right after an unescaped `[text]`,
 * since a stray `](@x)` is plain text that pings.
 */
const INLINE_CODE_OR_DESTINATION = /(?<![`\\])(`+)(?!`)(?:(?!\n[ \t]*\n)[\s\S])+?(?<!`)\1(?!`)|(?<=(?<!\\)\[[^[\]\n]*\])\([^()\s]*\)/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** The start of a raw HTML block: inside it, until a blank line, backticks are literal text, not code. */
const HTML_BLOCK = /^ {0,3}<[A-Za-z/!?]/;

/**
 * Text that came from a document or a model is untrusted. Before it reaches GitHub: @mentions are
 * broken with a zero-width space (no one is pinged by a plan), HTML comments are escaped so nothing
 * can smuggle in a marker that looks like one of ours, and secret-shaped strings are masked.
 */
export function sanitiseMarkdown(text: string): string {
  const escaped = maskSecrets(text)
    .replace(/<!--/g, '&lt;!--')
    .replace(/--!?>/g, (m) => m.replace('>', '&gt;'));
  return outsideCode(escaped, (prose) => prose.replace(MENTION, '@\u200B'));
}

/** `fn` applied to the text outside fenced code blocks, code spans and link destinations (code stays byte for byte). */
function outsideCode(text: string, fn: (prose: string) => string): string {
  const out: string[] = [];
  let prose: string[] = [];
  let fence: { char: string; length: number } | null = null;
  let html = false;
  const flush = (): void => {
    if (prose.length > 0) out.push(outsideInlineCode(prose.join('\n'), fn));
    prose = [];
  };
  for (const line of text.split('\n')) {
    const run = FENCE.exec(line)?.[1];
    if (!fence && (html || HTML_BLOCK.test(line))) {
      html = line.trim() !== '';
      flush();
      out.push(fn(line));
      continue;
    }
    if (fence) {
      out.push(line);
      // Closed by a run of the same character, at least as long, alone on its line.
      if (run && run[0] === fence.char && run.length >= fence.length && /^ {0,3}[`~]+[ \t]*$/.test(line)) fence = null;
      continue;
    }
    // A backtick fence's info string cannot contain a backtick; otherwise it is a code span, not a fence.
    if (run && !(run[0] === '`' && line.slice(line.indexOf(run) + run.length).includes('`'))) {
      flush();
      out.push(line);
      fence = { char: run[0]!, length: run.length };
      continue;
    }
    prose.push(line);
  }
  flush();
  return out.join('\n');
}

function outsideInlineCode(text: string, fn: (prose: string) => string): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(INLINE_CODE_OR_DESTINATION)) {
    out += fn(text.slice(at, m.index)) + m[0];
    at = m.index + m[0].length;
  }
  return out + fn(text.slice(at));
}

/** Untrusted text as one Markdown table cell: sanitised, pipes escaped, on one line. */
export function tableCell(text: string, max = Infinity): string {
  return sanitiseMarkdown(text).replace(/\|/g, '\\|').replace(/\n/g, ' ').slice(0, max);
}
