import type { PanelResult } from '../panel/run-panel.js';
import { renderSummaryMarkdown } from '../publish/render-summary-markdown.js';
import type { CliIo } from './cli-io.js';
import { renderJson } from './render-json.js';
import { renderRdjson } from './render-rdjson.js';
import { renderSarif } from './render-sarif.js';
import { ANSI, PLAIN, renderText } from './render-text.js';

export const FORMATS = ['text', 'markdown', 'json', 'sarif', 'rdjson'] as const;
export type OutputFormat = (typeof FORMATS)[number];

/** The panel's result on stdout in `format`, with a note for each document that had nothing to review. */
export function printPanelResult(result: PanelResult, empty: string[], documentCount: number, format: OutputFormat, io: CliIo): void {
  const style = io.stdoutIsTTY && !io.env.NO_COLOR ? ANSI : PLAIN;
  const nothing = empty.length === documentCount;
  const emptyLines = empty.map((path) => `${path} has no content to review (it is empty or holds only headings, front matter or comments).`);
  if (format === 'json') io.stdout(`${renderJson(result, { noContent: empty })}\n`);
  else if (format === 'sarif') io.stdout(`${renderSarif(result)}\n`);
  else if (format === 'rdjson') io.stdout(`${renderRdjson(result)}\n`);
  // A review of nothing would read "10/10 Ready": say what is missing instead of scoring it.
  else if (nothing) io.stdout(`${emptyLines.join('\n')}\n`);
  else if (format === 'markdown') io.stdout(`${renderSummaryMarkdown(result)}${empty.length > 0 ? `\n\n${emptyLines.map((l) => `> ${l}`).join('\n')}` : ''}\n`);
  else io.stdout(`${renderText(result, style)}${empty.length > 0 ? `\n${emptyLines.map((l) => style.dim(`note: ${l}`)).join('\n')}` : ''}\n`);
}
