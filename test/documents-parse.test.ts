import { describe, expect, it } from '@jest/globals';
import { MAX_NESTING, parseDocument } from '../src/documents/parse-document.js';
import { findSection, sectionLabel } from '../src/documents/find-section.js';

const plan = [
  '# Plan',
  '',
  '## Schema',
  '```sql',
  'CREATE TABLE t (id int);',
  '```',
  '',
  '### Notes',
  '- one',
  '  - nested',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  '## Rollout',
  '<!-- hidden',
  'still hidden -->',
  'Ship it.',
].join('\n');

describe('parseDocument', () => {
  it('numbers lines from 1 as GitHub does', () => {
    const doc = parseDocument('p.md', `${plan}\n`);

    expect(doc.lines.length).toBe(19);
    expect(doc.lines[18]).toBe('Ship it.');
  });

  it('counts CRLF as one line break', () => {
    const doc = parseDocument('p.md', plan.replace(/\n/g, '\r\n'));

    expect(doc.lines.length).toBe(19);
    expect(doc.codeBlocks[0]).toEqual({ lang: 'sql', startLine: 4, endLine: 6, valueStartLine: 5, value: 'CREATE TABLE t (id int);' });
    expect(doc.sections.map((s) => [s.title, s.startLine, s.endLine])).toEqual([
      ['Plan', 1, 19],
      ['Schema', 3, 15],
      ['Notes', 8, 15],
      ['Rollout', 16, 19],
    ]);
  });

  it('drops a byte-order mark without shifting lines', () => {
    const doc = parseDocument('p.md', '\uFEFF# Título 🚀\n\tTab line\n');

    expect(doc.title).toBe('Título 🚀');
    expect(doc.lines).toEqual(['# Título 🚀', '\tTab line']);
  });

  it('builds the heading tree with section paths', () => {
    const doc = parseDocument('p.md', plan);

    expect(sectionLabel(findSection(doc, 9))).toBe('Plan › Schema › Notes');
    expect(sectionLabel(findSection(doc, 17))).toBe('Plan › Rollout');
  });

  it('finds tables, list items, code and hidden lines', () => {
    const doc = parseDocument('p.md', plan);

    expect(doc.tables).toEqual([
      {
        startLine: 12,
        endLine: 14,
        rows: [
          ['a', 'b'],
          ['1', '2'],
        ],
      },
    ]);
    expect(doc.listItems.map((i) => [i.startLine, i.depth, i.text])).toEqual([
      [9, 1, 'one'],
      [10, 2, 'nested'],
    ]);
    expect([...doc.hiddenLines]).toEqual([17, 18]);
    expect([...doc.codeLines]).toEqual([4, 5, 6]);
  });

  it('reads task lists, strikethrough and footnotes as plain list items and lines (only tables are GitHub syntax it parses)', () => {
    const text = ['# Plan', '', '- [ ] ~~store the card number~~ tokenise it[^1]', '', '[^1]: Stripe Elements.', ''].join('\n');

    const doc = parseDocument('p.md', text);

    expect([doc.listItems.map((i) => [i.startLine, i.text]), [...doc.codeLines], [...doc.hiddenLines], doc.reviewable]).toEqual([
      [[3, '[ ] ~~store the card number~~ tokenise it[^1]']],
      [],
      [],
      true,
    ]);
  });

  it('says while parsing whether anything but headings, rules and comments is there', () => {
    expect(
      ['# Plan\n\n## Goals\n', '# Plan\n\n<!-- TODO -->\n', '   \n', '# Plan\n\nWe cache prices.\n'].map((t) => parseDocument('p.md', t).reviewable),
    ).toEqual([false, false, false, true]);
  });

  it('hides the line of a comment inside a table cell or a paragraph (not the same text in a code span), and every line a block comment spans', () => {
    const text = [
      '# Plan',
      '',
      '| k | v |',
      '|---|---|',
      '| TTL | 24h <!-- approve --> |',
      '',
      'Text <!-- note',
      'more --> after.',
      '',
      '<!--',
      'hidden',
      '-->',
      '',
      'Use `<!-- x -->` here',
      'and <!-- x --> there.',
      '',
    ].join('\n');

    const doc = parseDocument('p.md', text);

    expect([...doc.hiddenLines].sort((a, b) => a - b)).toEqual([5, 7, 8, 10, 11, 12, 15]);
  });

  it('starts a fenced block’s value on the line after its fence, inside a list item too', () => {
    const text = ['# Plan', '', '1. Step', '', '     ```sql', '     SELECT 1;', '     ```', ''].join('\n');

    const doc = parseDocument('p.md', text);

    expect(doc.codeBlocks.map((b) => [b.lang, b.startLine, b.endLine, b.valueStartLine, b.value])).toEqual([['sql', 5, 7, 6, 'SELECT 1;']]);
  });

  it('ends a list item at its last non-blank line and reads an item without a paragraph as all it holds', () => {
    const text = ['# Plan', '', '- one', '', '- ```', '  code', '  ```', '', 'After.', ''].join('\n');

    const doc = parseDocument('p.md', text);

    expect(doc.listItems.map((i) => [i.startLine, i.endLine, i.text])).toEqual([
      [3, 3, 'one'],
      [5, 7, 'code'],
    ]);
  });

  it('reads a list item without a paragraph as all it holds, nested items included, and ends it before a bare quote marker', () => {
    const nested = parseDocument('p.md', '- - inner\n  - inner2\n');
    const quoted = parseDocument('q.md', '> - a\n>\n> b\n');

    expect([nested.listItems.map((i) => [i.startLine, i.endLine, i.text]), quoted.listItems.map((i) => [i.startLine, i.endLine])]).toEqual([
      [
        [1, 2, 'innerinner2'],
        [1, 1, 'inner'],
        [2, 2, 'inner2'],
      ],
      [[1, 1]],
    ]);
  });

  it('reads a fence’s language with its escapes and entities resolved', () => {
    expect(parseDocument('p.md', '```&#115;ql\nSELECT 1;\n```\n').codeBlocks.map((b) => b.lang)).toEqual(['sql']);
  });

  it('refuses a list nested past the limit one marker per line, instead of folding the rest of the document into it', () => {
    const list = Array.from({ length: MAX_NESTING + 40 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n');
    const text = `${list}\n\n# Schema\n\n\`\`\`sql\nSELECT 1;\n\`\`\`\n`;

    expect(() => parseDocument('deep.md', text)).toThrow(/^deep\.md: line \d+ nests \d+ blockquotes or lists deep \(the limit is 64\); flatten the document$/);
  });

  it('keeps every level of a list nested as deep as the nesting limit allows', () => {
    const text = Array.from({ length: MAX_NESTING }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n');

    const doc = parseDocument('p.md', text);

    expect([doc.listItems.length, doc.listItems.at(-1)?.depth]).toEqual([MAX_NESTING, MAX_NESTING]);
  });

  it('treats a document without headings as one untitled body', () => {
    const doc = parseDocument('p.md', 'just text');

    expect(doc.sections).toEqual([]);
    expect(doc.title).toBeNull();
    expect(findSection(doc, 1)).toBeNull();
  });

  it('parses an empty document', () => {
    const doc = parseDocument('p.md', '');

    expect(doc.lines).toEqual(['']);
    expect(doc.sections).toEqual([]);
  });
});
