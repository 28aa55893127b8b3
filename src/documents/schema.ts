import { z } from 'zod';

/** A heading and the lines it governs (up to the next heading of the same or a higher level). */
export const SectionSchema = z.object({
  /** Heading texts from the top of the tree down to this section. */
  path: z.array(z.string()),
  title: z.string(),
  depth: z.number().int().min(0).max(6),
  headingLine: z.number().int().positive(),
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
});
export type Section = z.infer<typeof SectionSchema>;

export const CodeBlockSchema = z.object({
  lang: z.string().nullable(),
  /** The fence lines themselves. */
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
  /** Document line of the first line of `value` (the line after the opening fence). */
  valueStartLine: z.number().int().positive(),
  value: z.string(),
});
export type CodeBlock = z.infer<typeof CodeBlockSchema>;

export const TableSchema = z.object({
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
  rows: z.array(z.array(z.string())),
});
export type Table = z.infer<typeof TableSchema>;

export const ListItemSchema = z.object({
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
  ordered: z.boolean(),
  depth: z.number().int().min(1),
  text: z.string(),
});
export type ListItem = z.infer<typeof ListItemSchema>;

export interface PlanDocument {
  path: string;
  /** Text as given, without a byte-order mark. */
  text: string;
  /** lines[0] is line 1, numbered as GitHub numbers them (CRLF, LF and CR each end a line). */
  lines: string[];
  /** Lines a reader never sees rendered (inside HTML comments); rules skip them. */
  hiddenLines: ReadonlySet<number>;
  /** Lines inside fenced or indented code blocks. */
  codeLines: ReadonlySet<number>;
  sections: Section[];
  codeBlocks: CodeBlock[];
  tables: Table[];
  listItems: ListItem[];
  title: string | null;
  /**
   * Whether anything but headings, rules, link definitions and comments is in it, found while
   * parsing. A review of nothing would score 10/10 "Ready", which reads as approval of an empty or
   * heading-only file; the CLI says "has no content to review" instead.
   */
  reviewable: boolean;
}
