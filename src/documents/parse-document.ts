import { InputError } from '../errors/errors.js';
import { buildSections } from './build-sections.js';
import { collectMarkdownParts } from './collect-markdown-parts.js';
import { findDeepestNesting } from './find-deepest-nesting.js';
import type { PlanDocument } from './schema.js';
import { parseMarkdown } from './parse-markdown.js';

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * Deepest nesting of blockquotes and lists a plan may have. No real plan nests past a handful of
 * levels, and past 100 list levels the parser folds the rest of the document into the deepest item:
 * a deeper document is refused rather than read wrong. A line opening more than this many `>` or
 * list markers is refused before parsing (a cheap scan); a list nested by indentation, one marker
 * per line, after it.
 */
export const MAX_NESTING = 64;

/**
 * Markdown → the structure every later stage addresses by line. Line numbers are 1-based and
 * count CRLF as one break, so they match the lines GitHub shows in a pull request's diff.
 */
export function parseDocument(path: string, input: string): PlanDocument {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lines = text.split(LINE_BREAK);
  // A trailing newline does not open a line GitHub would number.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const deepest = findDeepestNesting(lines);
  const tooDeepError = (at: { depth: number; line: number }): InputError =>
    new InputError(`${path}: line ${at.line} nests ${at.depth} blockquotes or lists deep (the limit is ${MAX_NESTING}); flatten the document`);
  if (deepest.depth > MAX_NESTING) throw tooDeepError(deepest);
  const { codeBlocks, tables, listItems, codeLines, hiddenLines, headings, reviewable, tooDeep } = collectMarkdownParts(
    parseMarkdown(text),
    lines,
    MAX_NESTING,
  );
  if (tooDeep) throw tooDeepError(tooDeep);
  const sections = buildSections(headings, Math.max(lines.length, 1));
  const title = headings.find((h) => h.depth === 1)?.title ?? headings[0]?.title ?? null;
  return { path, text, lines, hiddenLines, codeLines, sections, codeBlocks, tables, listItems, title, reviewable };
}
