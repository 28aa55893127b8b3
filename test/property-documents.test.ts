// Issue #7, part 5: properties of the document model, quote anchoring, diff-line mapping, and the two
// text filters that stand between untrusted text and GitHub or the model. fast-check with moderate
// runs; a failure prints the shrunk counterexample and the seed to replay it.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { structuredPatch } from 'diff';
import { commentableLines, localPatch } from '../src/documents/commentable-lines.js';
import { findSection } from '../src/documents/find-section.js';
import { parseDocument } from '../src/documents/parse-document.js';
import { stripHiddenText } from '../src/engines/claude/strip-hidden-text.js';
import { locateQuote } from '../src/findings/locate-quote.js';
import { normaliseForMatch } from '../src/findings/normalise-for-match.js';
import { sanitiseMarkdown } from '../src/publish/sanitise-markdown.js';
import { pingableMentions } from './fixtures/injection/mentions.js';

const RUNS = { numRuns: 150 };

// --- generators --------------------------------------------------------------------------------

const BREAK = fc.constantFrom('\n', '\r\n', '\r');
/** Any text without line breaks: full Unicode, including lone surrogates and control characters. */
const lineContent = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ''));
const word = fc.stringMatching(/^[a-z0-9]{1,8}$/);
const words = fc.array(word, { minLength: 2, maxLength: 8 });

/** Markdown-looking lines: headings, list items, fences, quotes, tables, comments, prose. */
const markdownLine = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 7 }), words).map(([d, w]) => `${'#'.repeat(d)} ${w.join(' ')}`),
  words.map((w) => w.join(' ')),
  fc.tuple(fc.integer({ min: 0, max: 6 }), words).map(([i, w]) => `${'  '.repeat(i)}- ${w.join(' ')}`),
  fc.constantFrom(
    '```',
    '```sql',
    '~~~',
    '> quoted',
    '| a | b |',
    '|---|---|',
    '<!--',
    '-->',
    '<!-- note -->',
    '---',
    '',
    '    indented code',
    '<details>',
    '</details>',
    'Title',
    '===',
  ),
  lineContent,
);
const markdownDoc = fc
  .tuple(fc.array(markdownLine, { maxLength: 40 }), BREAK, fc.boolean())
  .map(([lines, br, trailing]) => lines.join(br) + (trailing ? br : ''));

/** Lines that are each unique in the document (a token per line) and trimmed: a quote of them has one place. */
const uniqueLines = fc.array(words, { minLength: 1, maxLength: 30 }).map((ls) => ls.map((w, i) => `t${i}x ${w.join(' ')}`));

function cutQuote(text: string, lines: string[], from: number, to: number): string {
  // Cut from the raw text (so CRLF stays CRLF), the way a reader copies it.
  let offset = 0;
  let start = 0;
  let end = 0;
  for (let i = 0; i <= to; i++) {
    if (i === from) start = offset;
    offset += lines[i]!.length;
    if (i === to) end = offset;
    offset += text.startsWith('\r\n', offset) ? 2 : 1;
  }
  return text.slice(start, end);
}

// --- the document model ------------------------------------------------------------------------

describe('the document model', () => {
  it('P1 never throws, and every line set it reports lies inside the document', () => {
    fc.assert(
      fc.property(fc.oneof(markdownDoc, fc.string({ unit: 'binary', maxLength: 300 })), (text) => {
        const doc = parseDocument('p.md', text);
        const n = doc.lines.length;
        const inside = (l: number) => l >= 1 && l <= n;
        expect([...doc.codeLines, ...doc.hiddenLines].every(inside)).toBe(true);
        expect(doc.codeBlocks.every((b) => inside(b.startLine) && inside(b.endLine) && b.startLine <= b.endLine)).toBe(true);
        expect(doc.tables.every((t) => inside(t.startLine) && inside(t.endLine))).toBe(true);
        expect(doc.listItems.every((i) => inside(i.startLine) && inside(i.endLine))).toBe(true);
      }),
      RUNS,
    );
  });

  it('P2 numbers lines as GitHub does: CRLF, LF and CR each end a line, a final break opens none', () => {
    fc.assert(
      fc.property(
        fc.array(lineContent, { minLength: 1, maxLength: 30 }),
        fc.array(BREAK, { minLength: 30, maxLength: 30 }),
        fc.boolean(),
        fc.boolean(),
        (lines, breaks, trailing, bom) => {
          // Arrange: a known list of lines joined by a random mix of line endings.
          const used = lines.map((_, i) => (i < lines.length - 1 || trailing ? breaks[i]! : ''));
          // "\r" + an empty line + "\n…" is one CRLF in any reader's eyes, and a leading U+FEFF is a BOM: not these lines.
          fc.pre(!used.some((br, i) => br === '\r' && lines[i + 1] === '' && (used[i + 1] ?? '').startsWith('\n')));
          fc.pre(!lines[0]!.startsWith('\uFEFF'));
          const body = lines.map((l, i) => l + used[i]).join('');
          const text = (bom ? '\uFEFF' : '') + body;
          const expected = trailing || lines.length === 1 || lines.at(-1) !== '' ? lines : lines.slice(0, -1);

          // Act
          const doc = parseDocument('p.md', text);

          // Assert
          expect(doc.lines).toEqual(expected);
        },
      ),
      RUNS,
    );
  });

  it('P3 sections start at their headings, in order, nest inside their parents and cover every line from the first heading', () => {
    fc.assert(
      fc.property(markdownDoc, (text) => {
        const doc = parseDocument('p.md', text);
        const n = Math.max(doc.lines.length, 1);
        const s = doc.sections;
        for (let i = 0; i < s.length; i++) {
          const cur = s[i]!;
          expect(cur.startLine).toBe(cur.headingLine);
          expect(1 <= cur.startLine && cur.startLine <= cur.endLine && cur.endLine <= n).toBe(true);
          expect(doc.codeLines.has(cur.headingLine)).toBe(false);
          if (i > 0) expect(cur.startLine).toBeGreaterThan(s[i - 1]!.startLine);
          // Ends right before the next heading of the same or a higher level, or at the end.
          const next = s.slice(i + 1).find((x) => x.depth <= cur.depth);
          expect(cur.endLine).toBe(next ? next.startLine - 1 : n);
          // A deeper section that follows before that lies inside this one.
          for (const child of s.slice(i + 1).filter((x) => x.startLine <= cur.endLine)) expect(child.endLine).toBeLessThanOrEqual(cur.endLine);
        }
        const first = s[0]?.startLine ?? n + 1;
        for (let line = 1; line <= n; line++) {
          const found = findSection(doc, line);
          if (line < first) expect(found).toBeNull();
          else expect(found !== null && found.startLine <= line && line <= found.endLine).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

// --- anchoring ---------------------------------------------------------------------------------

describe('anchoring a quote', () => {
  it('P4 finds a quote cut from the document at exactly its own lines, whatever the line endings and hint', () => {
    fc.assert(
      fc.property(uniqueLines, fc.constantFrom('\n', '\r\n'), fc.nat(), fc.nat(), fc.option(fc.integer({ min: -5, max: 40 })), (lines, br, a, b, hint) => {
        const text = lines.join(br);
        const doc = parseDocument('p.md', text);
        const from = a % lines.length;
        const to = from + (b % Math.min(4, lines.length - from));
        const found = locateQuote(doc, cutQuote(text, lines, from, to), { line: hint });
        expect(found).toEqual({ startLine: from + 1, endLine: to + 1, method: 'exact', score: 1 });
      }),
      RUNS,
    );
  });

  it("P5 finds a run of the document's own lines on lines that hold it, and never places any quote outside the document", () => {
    const range = fc.record({ startLine: fc.integer({ min: -3, max: 50 }), endLine: fc.integer({ min: -3, max: 60 }) });
    // A run of the document's own lines (duplicates and markup included), a near-copy of one (one
    // character changed, which reaches the fuzzy pass), or random text.
    const docAndQuote = markdownDoc.chain((text) => {
      const lines = parseDocument('p.md', text).lines;
      const withText = lines.flatMap((l, i) => (l.trim().length > 0 ? [i] : []));
      const copy =
        withText.length === 0
          ? fc.constant(null)
          : fc.tuple(fc.constantFrom(...withText), fc.integer({ min: 1, max: 3 })).map(([from, len]) => ({ copied: lines.slice(from, from + len) }));
      const nearCopy = fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3 }), fc.nat()).map(([a, len, at]) => {
        const from = a % lines.length;
        const q = lines.slice(from, from + len).join('\n');
        const k = q.length === 0 ? 0 : at % q.length;
        return `${q.slice(0, k)}Z${q.slice(k + 1)}`;
      });
      return fc.tuple(fc.constant(text), fc.oneof(copy, nearCopy, lineContent, markdownDoc, fc.constant('')));
    });
    const trimmed = (ls: string[]) =>
      ls
        .map((l) => l.trim())
        .join('\n')
        .trim();
    fc.assert(
      fc.property(docAndQuote, fc.option(fc.integer({ min: -10, max: 60 })), fc.option(range), ([text, quote], line, within) => {
        const doc = parseDocument('p.md', text);
        if (quote === null) return;
        const found = locateQuote(doc, typeof quote === 'string' ? quote : quote.copied.join('\n'), { line, within });
        if (found) expect(1 <= found.startLine && found.startLine <= found.endLine && found.endLine <= doc.lines.length).toBe(true);
        if (typeof quote !== 'string') {
          expect(found && { method: found.method, text: trimmed(doc.lines.slice(found.startLine - 1, found.endLine)) }).toEqual({
            method: 'exact',
            text: trimmed(quote.copied),
          });
        }
      }),
      RUNS,
    );
  });

  it('P6 ignores emphasis, code ticks and extra whitespace in either the quote or the document', () => {
    const marks = fc.constantFrom('', '*', '**', '_', '`', '~~');
    const dress = (ws: string[], ms: string[], gaps: number[]) =>
      ws.map((w, i) => `${ms[i]}${w}${[...ms[i]!].reverse().join('')}`).join(' '.repeat(1 + (gaps[0] ?? 0)));
    fc.assert(
      fc.property(
        uniqueLines,
        fc.nat(),
        fc.array(marks, { minLength: 12, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 1 }),
        fc.boolean(),
        (lines, a, ms, gaps, dressTheDocument) => {
          const i = a % lines.length;
          const plain = lines[i]!;
          const dressed = dress(plain.split(' '), ms, gaps);
          expect(normaliseForMatch(dressed)).toBe(normaliseForMatch(plain));
          const docLines = dressTheDocument ? lines.map((l, k) => (k === i ? dressed : l)) : lines;
          const found = locateQuote(parseDocument('p.md', docLines.join('\n')), dressTheDocument ? plain : dressed);
          expect(found && [found.startLine, found.endLine]).toEqual([i + 1, i + 1]);
        },
      ),
      RUNS,
    );
  });
});

// --- diff-line mapping -------------------------------------------------------------------------

describe('mapping review comments to diff lines', () => {
  const fileLines = fc.array(fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', '', '## Heading', '- item'), { maxLength: 25 });
  const file = fc
    .tuple(fileLines, fc.constantFrom('\n', '\r\n'), fc.boolean())
    .map(([ls, br, trailing]) => ls.join(br) + (trailing && ls.length > 0 ? br : ''));

  it('P7 comments on exactly the added and context lines of each hunk, numbered as the document numbers them', () => {
    fc.assert(
      fc.property(file, file, (before, after) => {
        const patch = localPatch('p.md', before, after);
        const lines = commentableLines(patch);
        // Independently: the new-side range of every hunk, from the diff library's own hunk headers.
        const expected = new Set<number>();
        for (const h of structuredPatch('p.md', 'p.md', before, after, '', '', { context: 3 }).hunks)
          for (let l = h.newStart; l < h.newStart + h.newLines; l++) expected.add(l);
        expect([...lines].sort((x, y) => x - y)).toEqual([...expected].sort((x, y) => x - y));
        // Each commentable line is that line of the new document, as parseDocument numbers it.
        const doc = parseDocument('p.md', after);
        let right = 0;
        for (const raw of patch.split('\n')) {
          const header = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(raw);
          if (header) right = Number(header[1]);
          else if (raw.startsWith('+') || raw.startsWith(' ')) expect(doc.lines[right++ - 1]).toBe(raw.slice(1).replace(/\r$/, ''));
        }
      }),
      RUNS,
    );
  });

  it('P8 lets every line of the new version that the old one never had be commented on', () => {
    fc.assert(
      fc.property(file, file, (before, after) => {
        const lines = commentableLines(localPatch('p.md', before, after));
        const old = new Set(parseDocument('p.md', before).lines);
        const doc = parseDocument('p.md', after);
        doc.lines.forEach((line, i) => {
          if (after.length > 0 && !old.has(line) && before !== after)
            expect({ line: i + 1, commentable: lines.has(i + 1) }).toEqual({ line: i + 1, commentable: true });
        });
        expect([...lines].every((l) => l >= 1 && l <= doc.lines.length)).toBe(true);
      }),
      RUNS,
    );
  });
});

// --- the filters between untrusted text and the outside world -----------------------------------

describe('untrusted text', () => {
  const hostile = fc
    .array(
      fc.constantFrom(
        '@',
        'everyone',
        'acme/team',
        '\\',
        '`',
        '``',
        '_',
        '*',
        '/',
        ' ',
        '\n',
        '\n\n',
        '&#64;',
        '&#x40;',
        '&commat;',
        '<!--',
        '-->',
        '--!>',
        'é',
        'a',
        '```',
        '~~~',
        '<div>',
        '</div>',
        '[x](',
        ')',
        'sk-ant-api03-abcdefghijkl',
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(''));

  it('P9 leaves no mention that would ping, no HTML comment and no API key in anything it sanitises', () => {
    // The checker is not vacuous: unsanitised, the same texts do ping.
    expect(pingableMentions('\\@everyone _@x_ &#64;y')).toEqual(['@everyone', '@x', '@y']);
    fc.assert(
      fc.property(hostile, (text) => {
        const safe = sanitiseMarkdown(text);
        expect(pingableMentions(safe)).toEqual([]);
        expect(safe).not.toContain('<!--');
        expect(safe).not.toMatch(/--!?>/);
        expect(safe).not.toContain('sk-ant-api03');
      }),
      {
        numRuns: 400,
        // Bypasses of the earlier sanitiser, found while writing these tests: each pinged on GitHub.
        examples: [
          ['\\@everyone'],
          ['_@everyone_'],
          ['x/@everyone'],
          ['`@everyone'],
          ['é@acme/team'],
          ['&#64;everyone'],
          ['&#x40;here'],
          ['&commat;acme/team'],
          ['](@everyone)'],
          ['\\[x](@everyone)'],
          ['<div>\n`@everyone`\n</div>'],
          ['`a\n\n@everyone`'],
        ],
      },
    );
  });

  it('P10 shows the model every line and nothing hidden: comment text and invisible characters are gone', () => {
    const SECRET = 'zq-hidden-zq';
    const invisible = fc.constantFrom('\u200b', '\u200d', '\u2060', '\ufeff', '\u202e', '\u{e0041}', '\u{e0101}', '\u00ad');
    const part = fc.oneof(
      markdownLine,
      fc.constant(`<!-- ${SECRET} -->`),
      fc.constant(`text <!-- ${SECRET} --> text`),
      fc.constant(`<!--\n${SECRET}\n-->`),
      fc.constant(`[//]: # (${SECRET})`),
      invisible.map((c) => `vis${c}ible`),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 25 }), (parts) => {
        // Comments and definitions only hide outside code: keep fences out of this document.
        fc.pre(!parts.some((p) => /^(```|~~~| {4})/.test(p)));
        const doc = parseDocument('p.md', parts.join('\n\n'));
        const shown = stripHiddenText(doc);
        expect(shown).toHaveLength(doc.lines.length);
        // biome-ignore lint/suspicious/noMisleadingCharacterClass: the class lists invisible code points (variation selectors included) by escape, one by one, to strip them; nothing combines
        expect(shown.join('\n')).not.toMatch(/[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/u);
        expect(shown.join('\n')).not.toContain(SECRET);
      }),
      RUNS,
    );
  });
});
