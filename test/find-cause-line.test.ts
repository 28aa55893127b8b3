import { describe, expect, it } from '@jest/globals';
import { parseDocument } from '../src/documents/parse-document.js';
import { findCauseLine } from '../src/engines/checklist/catalogue/find-cause-line.js';
import { indexDocument } from '../src/engines/checklist/catalogue/index-document.js';
import { makeConcepts } from '../src/engines/checklist/catalogue/make-concepts.js';

const concepts = makeConcepts({
  'like-forever': ['forever', 'indefinitely', 'permanent*'],
  'like-delete': ['delete*', 'purge*'],
  monitoring: ['dashboard*', 'metric*'],
});

describe('makeConcepts', () => {
  it('reads a word of a like-* list as its meaning, by prefix, exact word or plural', () => {
    expect([concepts.of('indefinitely'), concepts.of('permanently'), concepts.of('purges'), concepts.of('forevers')]).toEqual([
      ['like-forever'],
      ['like-forever'],
      ['like-delete'],
      ['like-forever'],
    ]);
  });

  it('leaves topic lists and unknown words out', () => {
    expect([concepts.of('dashboards'), concepts.of('redis')]).toEqual([[], []]);
  });
});

describe('findCauseLine', () => {
  const plan = [
    '# Uploads',
    '',
    'Receipts are uploaded to the claims bucket by the mobile app.',
    'Adjusters open receipts from the console while a claim is open.',
    'Raw receipts are kept indefinitely in the claims bucket and never purged.',
    'The console lists claims by the date they were opened.',
  ].join('\n');
  const concern = 'Receipts stay in the claims bucket forever; nothing deletes them when the claim closes.';
  const all = [3, 4, 5, 6];

  it('finds the line that says the concern in other words when it reads words by meaning', () => {
    const index = indexDocument(parseDocument('plan.md', plan));

    expect(findCauseLine(index, concern, new Set(), 0, { onlyLines: all, minWords: 4, concepts })?.line).toEqual(5);
  });

  it('needs the shared spelling when it reads words as written', () => {
    const index = indexDocument(parseDocument('plan.md', plan));

    expect(findCauseLine(index, concern, new Set(), 0, { onlyLines: all, minWords: 4 })).toEqual(null);
  });
});
