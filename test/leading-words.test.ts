import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseDocument } from '../src/documents/parse-document.js';
import { indexDocument } from '../src/engines/checklist/catalogue/index-document.js';
import { leadingWords } from '../src/engines/checklist/catalogue/leading-words.js';
import { matchRegex, matchRegexAt } from '../src/engines/checklist/catalogue/match-regex.js';
import { packageRoot } from '../src/package-root.js';

describe('the words a regex term must start with', () => {
  it('reads the literal after \\b, without a last letter a quantifier makes optional', () => {
    expect(leadingWords('\\bpartitions? (?:for|until) 20\\d\\d')).toEqual(['partition']);
  });

  it('reads every alternative of a leading group', () => {
    expect(leadingWords('\\b(?:send|queue)\\w* (?:an? )?emails?')).toEqual(['send', 'queue']);
  });

  it('gives up when a match could start anywhere', () => {
    expect(leadingWords('\\w*(?:amount|price)\\W{0,3}FLOAT\\b')).toEqual(null);
    expect(leadingWords('PRIMARY KEY\\s*\\(')).toEqual(null);
    expect(leadingWords('(?<=\\bsend\\w* )e-?mails?\\b')).toEqual(null);
  });

  it('gives up on an alternation at the top level, an optional group or an alternative that is not a literal', () => {
    expect(leadingWords('\\bfoo bar|baz')).toEqual(null);
    expect(leadingWords('\\b(?:the )?cache')).toEqual(null);
    expect(leadingWords('\\b(?:rows|\\w+s) updated')).toEqual(null);
    expect(leadingWords('\\b(?:e-?mail|sms)')).toEqual(null);
  });
});

/** Every /regex/ term of the built-in catalogue, and every fixture document, read from the YAML. */
function catalogueTermsAndFixtures(): { terms: string[]; docs: string[] } {
  const dir = join(packageRoot(), 'reviewers', 'catalogue');
  const terms = new Set<string>();
  const docs: string[] = [];
  const walk = (value: unknown, key = ''): void => {
    if (typeof value === 'string') {
      if (key === 'doc' || key === 'passes') docs.push(value);
      else if (value.length > 2 && value.startsWith('/') && value.endsWith('/')) terms.add(value.slice(1, -1));
    } else if (Array.isArray(value)) for (const v of value) walk(v, key);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) walk(parse(readFileSync(join(dir, file), 'utf8')));
  return { terms: [...terms], docs };
}

describe('trying a regex term only where its words start', () => {
  it('finds exactly what a scan of the whole text finds, for every regex term of the catalogue', () => {
    // Arrange: one document holding every fixture of the catalogue and the development plans.
    const { terms, docs } = catalogueTermsAndFixtures();
    const plans = join(packageRoot(), 'eval', 'dev', 'plans');
    for (const f of readdirSync(plans)) docs.push(readFileSync(join(plans, f), 'utf8'));
    const index = indexDocument(parseDocument('all.md', docs.join('\n\n')));
    const fast = terms.filter((t) => leadingWords(t) !== null);

    // Act
    const differ = fast.filter((t) => {
      const scanned = matchRegex(index, new RegExp(t, 'gim'));
      const tried = matchRegexAt(index, new RegExp(t, 'imy'), leadingWords(t)!);
      return JSON.stringify(scanned) !== JSON.stringify(tried);
    });

    // Assert: most terms take the fast path, and none of them finds anything different.
    expect(fast.length).toBeGreaterThan(terms.length / 2);
    expect(differ).toEqual([]);
  });
});
