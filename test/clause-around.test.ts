import { describe, expect, it } from '@jest/globals';
import { clauseAround } from '../src/engines/checklist/catalogue/clause-around.js';

describe('clauseAround', () => {
  it('quotes the sentence that holds the words, not its neighbours', () => {
    expect(clauseAround('Nodes boot fast. We will not configure the SQS interruption queue; spot reclaims are fine.', 'We will not configure')).toEqual(
      'We will not configure the SQS interruption queue',
    );
  });

  it('drops a list marker and keeps a table cell to itself', () => {
    expect({
      item: clauseAround('- `spec.limits` is intentionally left unset', 'is intentionally left unset'),
      cell: clauseAround('| Limits | none, growth is unbounded | ops |', 'unbounded'),
    }).toEqual({ item: '`spec.limits` is intentionally left unset', cell: 'none, growth is unbounded' });
  });

  it('clips a long clause with an ellipsis', () => {
    const quoted = clauseAround(`We will not configure ${'a very long list of things, '.repeat(10)}ever`, 'We will not');

    expect([quoted.length, quoted.endsWith('…')]).toEqual([160, true]);
  });
});
