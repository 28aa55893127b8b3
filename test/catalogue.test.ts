import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../src/documents/parse-document.js';
import { checkCatalogue } from '../src/engines/checklist/catalogue/check-catalogue.js';
import { TermSchema } from '../src/engines/checklist/catalogue/schema.js';
import { loadCatalogue } from '../src/engines/checklist/catalogue/load-catalogue.js';
import { listOpenConcerns, renderOpenConcerns } from '../src/engines/checklist/catalogue/list-open-concerns.js';
import { loadRules } from '../src/engines/checklist/load-rules.js';
import { SQL_CHECKS } from '../src/engines/checklist/sql/rules/index.js';
import { loadTemplates } from '../src/engines/checklist/templates/load-templates.js';
import { loadPersonas } from '../src/personas/load-personas.js';
import { renderCatalogue } from '../scripts/render-catalogue.js';
import { packageRoot } from '../src/package-root.js';

const catalogue = loadCatalogue();
const concerns = [...catalogue.concerns.values()];

describe('the reviewer catalogue', () => {
  it('matches docs/REVIEWERS.md (run `npm run docs:reviewers` after changing a persona, concern, rule or template)', () => {
    const onDisk = readFileSync(join(packageRoot(), 'docs', 'REVIEWERS.md'), 'utf8');

    expect(onDisk).toBe(renderCatalogue(loadPersonas(), loadRules(), catalogue, loadTemplates()));
  });

  it('has an implementation for every SQL rule file and a file for every implementation', () => {
    const files = [...loadRules().values()]
      .filter((r) => r.kind === 'sql')
      .map((r) => r.id)
      .sort();

    expect(Object.keys(SQL_CHECKS).sort()).toEqual(files);
  });

  it('covers at least 12 areas, 60 components and 300 concerns', () => {
    const components = new Set(concerns.map((c) => c.component.id));

    expect({ areas: catalogue.areas.length >= 12, components: components.size >= 60, concerns: concerns.length >= 300 }).toEqual({
      areas: true,
      components: true,
      concerns: true,
    });
  });

  it('names only personas that exist', () => {
    const ids = new Set(loadPersonas().map((p) => p.id));

    expect(concerns.flatMap((c) => c.concern.personas.filter((p) => !ids.has(p)).map((p) => `${c.id} → ${p}`))).toEqual([]);
  });

  it('keeps every like-* term a single word the similarity route compares (four letters or more)', () => {
    const like = Object.entries(catalogue.vocabularies).filter(([name]) => name.startsWith('like-'));
    const unread = like.flatMap(([name, terms]) => terms.filter((t) => !/^[a-z]{4,}\*?$/i.test(t)).map((t) => `${name}: ${t}`));

    expect([like.length > 0, unread]).toEqual([true, []]);
  });

  it('uses every shared vocabulary somewhere (a like-* list is read by the similarity route)', () => {
    // A vocabulary may be used inside another one (a sequence term in vocabularies.flows.yaml).
    const dir = join(packageRoot(), 'reviewers', 'catalogue');
    const text = readdirSync(dir)
      .filter((n) => n.startsWith('vocabularies') && n.endsWith('.yaml'))
      .map((n) => readFileSync(join(dir, n), 'utf8'))
      .join('\n');
    const names = Object.keys(catalogue.vocabularies);
    const areaText = catalogue.areas.map((a) => JSON.stringify(a)).join('\n') + text;

    expect(names.filter((n) => !n.startsWith('like-') && !new RegExp(`@${n}\\b`).test(areaText))).toEqual([]);
  });

  it.each(catalogue.areas.map((a) => [a.area] as const))(
    '%s: every concern fires on its fixtures, passes its sound ones, and stays quiet on neutral text',
    (area) => {
      expect(checkCatalogue(catalogue, (c) => c.area.id === area)).toEqual([]);
    },
  );
});

describe('listOpenConcerns', () => {
  it('offers a model reviewer the concerns a document leaves open, not the ones it handles', () => {
    const doc = parseDocument(
      'plan.md',
      '# Prices\n\nWe will cache product prices in Redis keyed by product id.\nThe product page reads prices from the cache.\n',
    );
    const handled = parseDocument(
      'plan.md',
      '# Prices\n\nWe will cache product prices in Redis keyed by product id.\nThe product page reads prices from the cache; entries have a 5 minute TTL and writes delete the key.\n',
    );

    const open = listOpenConcerns(doc, catalogue).map((c) => c.id);
    const after = listOpenConcerns(handled, catalogue).map((c) => c.id);

    expect({ raisedBefore: open.includes('cache.invalidation'), raisedAfter: after.includes('cache.invalidation') }).toEqual({
      raisedBefore: true,
      raisedAfter: false,
    });
  });

  it('renders nothing for a document that uses no catalogued component', () => {
    expect(renderOpenConcerns(listOpenConcerns(parseDocument('notes.md', '# Notes\n\nLunch on Friday.\n'), catalogue))).toBe('');
  });
});

describe('the catalogue files', () => {
  it('read the same with js-yaml (used for speed) as with the yaml package (used elsewhere), templates too', async () => {
    const { readdirSync } = await import('node:fs');
    const { load } = await import('js-yaml');
    const { parse } = await import('yaml');
    const files = ['catalogue', 'templates'].flatMap((d) =>
      readdirSync(join(packageRoot(), 'reviewers', d))
        .filter((n) => n.endsWith('.yaml'))
        .map((n) => join(d, n)),
    );
    const differ = files.filter((n) => {
      const text = readFileSync(join(packageRoot(), 'reviewers', n), 'utf8');
      return JSON.stringify(load(text)) !== JSON.stringify(parse(text));
    });

    expect(differ).toEqual([]);
  });
});

describe('a catalogue term', () => {
  it('refuses a regular expression with a Unicode escape, which the unflagged document scan would read as letters', () => {
    const results = ['/\\p{Lu}+ cache/', '/\\u{1F600}/', '/\\bcache\\b/'].map((t) => TermSchema.safeParse(t).success);

    expect(results).toEqual([false, false, true]);
  });
});
