import { describe, expect, it } from '@jest/globals';
import { quoteClause } from '../src/engines/checklist/catalogue/quote-clause.js';

describe('quoteClause', () => {
  it('quotes the sentence that holds the words, not its neighbours', () => {
    expect(quoteClause('Nodes boot fast. We will not configure the SQS interruption queue; spot reclaims are fine.', 'We will not configure')).toEqual(
      'We will not configure the SQS interruption queue',
    );
  });

  it('drops a list marker and keeps a table cell to itself', () => {
    expect({
      item: quoteClause('- `spec.limits` is intentionally left unset', 'is intentionally left unset'),
      cell: quoteClause('| Limits | none, growth is unbounded | ops |', 'unbounded'),
    }).toEqual({ item: '`spec.limits` is intentionally left unset', cell: 'none, growth is unbounded' });
  });

  it('clips a long clause with an ellipsis', () => {
    const quoted = quoteClause(`We will not configure ${'a very long list of things, '.repeat(10)}ever`, 'We will not');

    expect([quoted.length, quoted.endsWith('…')]).toEqual([160, true]);
  });

  it('quotes the first sentence, without heading or quote markers, when the words are not on the line', () => {
    expect({
      missing: quoteClause('We serve the menu from Redis. After each deploy the keys are emptied.', 'emptied…'),
      heading: quoteClause('## Flush strategy', 'Flush'),
      quote: quoteClause('> Keys are emptied on deploy', 'emptied'),
    }).toEqual({ missing: 'We serve the menu from Redis', heading: 'Flush strategy', quote: 'Keys are emptied on deploy' });
  });
});
