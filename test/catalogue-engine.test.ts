import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseDocument } from '../src/documents/parse-document.js';
import { compileTerms } from '../src/engines/checklist/catalogue/compile-terms.js';
import { indexDocument } from '../src/engines/checklist/catalogue/index-document.js';
import { loadCatalogue } from '../src/engines/checklist/catalogue/load-catalogue.js';
import { runCatalogue } from '../src/engines/checklist/catalogue/run-catalogue.js';
import { concernDraft } from '../src/engines/checklist/create-checklist-engine.js';

function linesOf(terms: string[], text: string, vocab: Record<string, string[]> = {}): Array<[number, string]> {
  return compileTerms(terms, vocab)
    .match(indexDocument(parseDocument('plan.md', text)))
    .map((h) => [h.line, h.text]);
}

const fixtures = {
  fires: [
    { doc: 'x', line: null },
    { doc: 'y', line: null },
  ],
  passes: ['a', 'b'],
};
const concern = (fields: Record<string, unknown>): Record<string, unknown> => ({
  id: 'no-fallback',
  severity: 'critical',
  personas: ['scalability'],
  title: 'Nothing says what happens when {component} is down',
  body: 'Every request depends on it; when it is unavailable the feature fails outright.',
  fix: 'Say how the service degrades: a fallback, a timeout, a circuit breaker.',
  handled: ['@fallback'],
  source: 'Google SRE Book',
  fixtures,
  ...fields,
});

/** A one-area catalogue in a temporary folder, loaded as the app loads the real one. */
function catalogueWith(concerns: Array<Record<string, unknown>>, component: Record<string, unknown> = {}): ReturnType<typeof loadCatalogue> {
  const dir = mkdtempSync(join(tmpdir(), 'rfc-panel-catalogue-'));
  writeFileSync(join(dir, 'vocabularies.yaml'), stringify({ fallback: ['fallback', 'fall back', 'degrad*', 'circuit breaker'] }));
  writeFileSync(
    join(dir, 'caches.yaml'),
    stringify({ area: 'caches', title: 'Caches', components: [{ id: 'cache', name: 'cache', synonyms: ['Redis', 'cache'], concerns, ...component }] }),
  );
  return loadCatalogue(dir);
}

/** A concern whose risk wording ("flush") a plan can say in other words, for the inferred findings. */
const stampedeCatalogue = (): ReturnType<typeof loadCatalogue> =>
  catalogueWith([
    concern({
      title: 'Flushing {component} sends every reader to the origin',
      body: 'A flush or eviction storm empties the cache; every request then misses and stampedes the origin database.',
      risk: ['flush*'],
    }),
  ]);
/** Lines of a plan that share nothing with that concern, so its rarer words stay rare; the risk sentence goes on line 11. */
const menuContext = `# Menu\n\n${[
  'Shops edit their menus in the admin.',
  'Prices are shown in the local currency.',
  'Images are resized on upload.',
  'Orders go to the kitchen printer.',
  'Staff sign in with their email.',
  'The app works on phones and tablets.',
].join('\n')}\nWe keep the menu in Redis.\n\n`;

function fire(text: string, catalogue: ReturnType<typeof loadCatalogue>): Array<[string, string, number | null, string]> {
  return runCatalogue(parseDocument('plan.md', text), catalogue.concerns.values()).map((h) => [h.ruleId, h.anchor.level, h.anchor.startLine, h.component]);
}

describe('the term language', () => {
  it('matches words in order across spaces, hyphens and underscores, with a plural', () => {
    expect(linesOf(['rate limit'], '# Plan\nAdd rate-limits\nSet rate_limit\nLimit the rate')).toEqual([
      [2, 'rate-limits'],
      [3, 'rate_limit'],
    ]);
  });

  it.each([
    ['plain first', [false, true]],
    ['wrapped first', [true, false]],
  ] as const)('reads a phrase across a hard wrap only when asked (handling), never onto a new list item or past a stop (%s)', (_, order) => {
    // One index for both reads: the wrapped and the plain readings must not share a memo entry.
    const index = indexDocument(
      parseDocument(
        'plan.md',
        '# Plan\nWorkers claim rows with SELECT … FOR\nUPDATE in a fixed order.\n- a lock FOR\n- UPDATE later\nWe wait for.\nUpdate the docs.',
      ),
    );
    const read = (acrossLines: boolean): Array<[number, string]> =>
      compileTerms(['FOR UPDATE'], {}, { acrossLines })
        .match(index)
        .map((h) => [h.line, h.text]);
    const results = order.map((wrapped) => [wrapped ? 'wrapped' : 'plain', read(wrapped)] as const);
    expect(Object.fromEntries(results)).toEqual({
      wrapped: [[2, 'FOR UPDATE']],
      plain: [],
    });
  });

  it('does not run a phrase across the end of a sentence', () => {
    expect(linesOf(['confirm the change'], '# Plan\nThe customer confirms. The change is saved.\nThe customer must confirm the change by email.')).toEqual([
      [3, 'confirm the change'],
    ]);
  });

  it('matches whole words only, so "cache" is not "cachet"', () => {
    expect(linesOf(['cache'], '# Plan\nThe cachet of it\nA cache in front')).toEqual([[3, 'cache']]);
  });

  it('does not take a short word plus "s" for its plural, so "HA" is not "has" but "ID" is "IDs"', () => {
    expect(linesOf(['HA', 'ID'], '# Plan\nThe cache has a replica\nRun it HA\nStore the IDs')).toEqual([
      [3, 'HA'],
      [4, 'IDs'],
    ]);
  });

  it('treats a trailing star as a prefix', () => {
    expect(linesOf(['invalidat*'], '# Plan\nWe invalidate on write\nInvalidation is manual')).toEqual([
      [2, 'invalidate'],
      [3, 'Invalidation'],
    ]);
  });

  it('expands a shared vocabulary named with @', () => {
    expect(linesOf(['@pay'], '# Plan\nCharge with Stripe\nOr Adyen', { pay: ['Stripe', 'Adyen'] })).toEqual([
      [2, 'Stripe'],
      [3, 'Adyen'],
    ]);
  });

  it('accepts a short regular expression between slashes', () => {
    expect(linesOf(['/p9[59]/'], '# Plan\nKeep p99 under 200 ms\np50 is fine')).toEqual([[2, 'p99']]);
  });

  it('keeps ^ and $ of a regular expression at the ends of each line', () => {
    expect(linesOf(['/^drop table/', '/cascade$/'], '# Plan\nWe never drop table rows.\nDROP TABLE old_orders;\nDelete with cascade\nCascade is off')).toEqual([
      [3, 'DROP TABLE'],
      [4, 'cascade'],
    ]);
  });

  it('matches a term with symbols as the literal text it is, not as its bare words', () => {
    const text =
      '# Plan\nOnly one principal may bypass retention.\n"Principal": "*" in the bucket policy\nset active=false on removal\nimage: api:latest, and the latest docs\nimage tag: v1.4.2\nAvoid N+1 queries, not n 1\nThe API runs SELECT * FROM users; select a row';
    expect(linesOf(['"Principal": "*"', 'active=false', ':latest', 'tag: v*', 'N+1', 'SELECT *'], text)).toEqual([
      [3, '"Principal": "*"'],
      [4, 'active=false'],
      [5, ':latest'],
      [6, 'tag: v1'],
      [7, 'N+1'],
      [8, 'SELECT *'],
    ]);
  });

  it('refuses an unknown vocabulary', () => {
    expect(() => compileTerms(['@nope'], {})).toThrow('unknown vocabulary @nope');
  });
});

describe('sequence terms', () => {
  const vocab = { reads: ['reads', 'select*'], state: ['balance', 'remaining'], writes: ['subtract*', 'insert*'] };

  it('matches parts that come in order within one sentence, on the line of the first part', () => {
    expect(linesOf(['@reads ... @state ... @writes'], '# Plan\nThe app reads the bottle balance, subtracts the dose and saves it.', vocab)).toEqual([
      [2, 'reads the bottle balance, subtracts'],
    ]);
  });

  it('follows a sentence that wraps onto the next line of the same paragraph', () => {
    expect(
      linesOf(['@reads ... @state ... @writes'], '# Plan\nFor each scan the API runs a select of the remaining points,\nthen inserts the scan row.', vocab),
    ).toEqual([[2, 'select of the remaining points,']]);
  });

  it('reads a part of several words that the wrap breaks in two, but not one broken by punctuation', () => {
    const v = { shows: ['shows'], detail: ['first name'] };
    expect({
      wrapped: linesOf(
        ['@shows ... @detail'],
        "# Plan\nThe public map shows each truck's position and the driver's first\nname, so residents can see who is out.",
        v,
      ),
      broken: linesOf(['@shows ... @detail'], "# Plan\nThe public map shows each truck's position and the driver's first,\nname and unit number.", v),
    }).toEqual({ wrapped: [[2, "shows each truck's position and the driver's first"]], broken: [] });
  });

  it('reads on past a decimal point, which does not end the sentence', () => {
    const v = { score: ['score'], above: ['above'], act: ['automatically'] };
    expect(linesOf(['@score ... @above ... @act'], '# Plan\nOrders with a fraud score above 0.9 are cancelled automatically.', v)).toEqual([
      [2, 'score above 0.9 are cancelled automatically'],
    ]);
  });

  it.each([
    ['another sentence', 'The app reads the balance. It inserts a row.'],
    ['another sentence, the stop inside bold', 'The app **reads the balance.** It inserts a row.'],
    ['the next list item', '- The app reads the balance\n- It inserts a row'],
    ['another table cell', '| The app reads the balance | It inserts a row |'],
    ['the next line of a code block', '```\nreads balance\ninserts row\n```'],
    ['a heading and the text under it', '## Reads the balance\nInserts a row'],
    ['the wrong order', 'It inserts a row after it reads the balance.'],
  ])('does not match parts split by %s', (_, body) => {
    expect(linesOf(['@reads ... @state ... @writes'], `# Plan\n${body}`, vocab)).toEqual([]);
  });

  it('matches the same parts within one sentence, list item, cell or code line (the control)', () => {
    const text =
      '# Plan\n- The app reads the balance, then inserts a row\n| The app reads the balance and inserts a row |\n```\nreads balance; inserts row\n```';
    expect(linesOf(['@reads ... @state ... @writes'], text, vocab).map(([line]) => line)).toEqual([2, 3]);
  });

  it('reads past an ellipsis, which elides words inside one sentence', () => {
    expect(linesOf(['UPDATE ... RETURNING'], '# Plan\nClaim the job with UPDATE ... RETURNING id.')).toEqual([[2, 'UPDATE ... RETURNING']]);
  });

  it('keeps a near part (" .. ") within three words of the part before it, and no further', () => {
    const near = { shared: ['shared', 'wide'], logins: ['account', 'login'] };
    const text = '# Plan\nTablets use a clinic-wide account.\nA shared one two three login.\nA shared one two three four login.';
    expect(linesOf(['@shared .. @logins'], text, near)).toEqual([
      [2, 'wide account'],
      [3, 'shared one two three login'],
    ]);
  });

  it('tries a later occurrence of a part when the first leaves a near part out of reach', () => {
    const v = { a: ['shared'], b: ['login'], c: ['everyone'] };
    expect(linesOf(['@a ... @b .. @c'], '# Plan\nA shared login then more words here and a login for everyone.', v)).toEqual([
      [2, 'shared login then more words here and a login for everyone'],
    ]);
  });

  it.each([
    ['not', 'If the check fails, the order is not approved.'],
    ["n't", "If the check fails, the order isn't approved."],
    ['never', 'If the check fails, the order is never approved.'],
    ['nothing', 'If the check fails, nothing is approved.'],
  ])('does not match when a denial ("%s") stands between the parts', (_, sentence) => {
    const v = { fail: ['fails'], pass: ['approved'] };
    expect(linesOf(['@fail ... @pass'], `# Plan\n${sentence}\nIf the check fails, the order is approved.`, v)).toEqual([[3, 'fails, the order is approved']]);
  });

  it('reads as its parts for the inferred route, vocabularies expanded', () => {
    expect(compileTerms(['@reads ... @state ... @writes'], vocab).terms).toEqual(['reads select* ... balance remaining ... subtract* insert*']);
  });

  it('refuses a part that is a regular expression, a term with symbols or another sequence', () => {
    expect(() => compileTerms(['@reads ... @re'], { ...vocab, re: ['/x+/'] })).toThrow('a /regex/ cannot be a part');
    expect(() => compileTerms(['@reads ... @sym'], { ...vocab, sym: ['active=false'] })).toThrow('a part is words only');
    expect(() => compileTerms(['@reads ... @seq'], { ...vocab, seq: ['x ... y'] })).toThrow('cannot be another sequence');
  });
});

describe('runCatalogue', () => {
  it('anchors on the line that introduces the component when no risk wording is given', () => {
    const catalogue = catalogueWith([concern({})]);

    expect(fire('# Limits\n\n## Steps\n1. Add Redis dependency\n2. Count requests', catalogue)).toEqual([['cache.no-fallback', 'line', 4, 'Redis']]);
  });

  it('puts a finding on the section when the plan names the component only in a heading', () => {
    const catalogue = catalogueWith([concern({})]);

    expect(fire('# Redis for sessions\n\nSessions move out of process memory.', catalogue)).toEqual([['cache.no-fallback', 'section', 1, 'Redis']]);
  });

  it('anchors on the risk wording when the concern names it, and needs it to fire', () => {
    const catalogue = catalogueWith([concern({ risk: ['flush*'] })]);

    expect({
      risky: fire('# Menu\nWe cache the menu.\nEvery deploy flushes the cache.', catalogue),
      calm: fire('# Menu\nWe cache the menu.', catalogue),
    }).toEqual({ risky: [['cache.no-fallback', 'line', 3, 'cache']], calm: [] });
  });

  it('raises the same risky wording once more where it appears again in the plan', () => {
    const catalogue = catalogueWith([concern({ risk: ['flush*'] })]);

    expect(
      fire('# Menu\nWe cache the menu.\nEvery deploy flushes the cache.\nThe nightly job flushes it too.\nAdmins can flush it by hand.', catalogue),
    ).toEqual([
      ['cache.no-fallback', 'line', 3, 'cache'],
      ['cache.no-fallback', 'line', 4, 'cache'],
    ]);
  });

  it('raises one sentence wrapped over two lines once, and the next sentence as the other place', () => {
    const catalogue = catalogueWith([concern({ risk: ['flush*'] })]);

    expect(
      fire('# Menu\nWe cache the menu. Every deploy flushes the cache and\nthe nightly job flushes it as well.\nAdmins flush it by hand.', catalogue),
    ).toEqual([
      ['cache.no-fallback', 'line', 2, 'cache'],
      ['cache.no-fallback', 'line', 4, 'cache'],
    ]);
  });

  it('keeps two table rows with the same risky wording as two places', () => {
    const catalogue = catalogueWith([concern({ risk: ['flush*'] })]);

    expect(fire('# Menu\nWe cache the menu.\n\n| Step | Effect |\n| Deploy | flushes the cache |\n| Nightly job | flushes the cache |', catalogue)).toEqual([
      ['cache.no-fallback', 'line', 5, 'cache'],
      ['cache.no-fallback', 'line', 6, 'cache'],
    ]);
  });

  it('prefers risk wording in a sentence over the same words in a heading', () => {
    const catalogue = catalogueWith([concern({ risk: ['flush*'] })]);

    expect(fire('# Cache flushes\nWe cache the menu.\nEvery deploy flushes the cache.', catalogue)).toEqual([['cache.no-fallback', 'line', 3, 'cache']]);
  });

  it('takes the risk wording next to the component over the same words earlier in the plan', () => {
    const catalogue = catalogueWith([concern({ risk: ['flush*'] })]);

    expect(
      fire(
        '# Menu\n\n## Context\nOps flushes stale DNS entries by hand.\n\n## Design\nWe put the menu in Redis.\nEvery deploy flushes it.\nA deploy flushes the Redis menu keys.',
        catalogue,
      ),
    ).toEqual([
      ['cache.no-fallback', 'line', 9, 'Redis'],
      ['cache.no-fallback', 'line', 8, 'Redis'],
    ]);
  });

  it('sits on the line that names the component with the concern’s subject, when the plan has one', () => {
    const catalogue = catalogueWith([concern({ prefer: ['checkout'] })]);

    expect(fire('# Prices\nPrices are cached in Redis.\nCheckout also reads prices from Redis.', catalogue)).toEqual([
      ['cache.no-fallback', 'line', 3, 'Redis'],
    ]);
  });

  it('sits on the sentence that talks most about the concern when no wording is fixed', () => {
    const catalogue = catalogueWith([
      concern({
        id: 'poison',
        severity: 'important',
        title: 'A message that always fails blocks {component} consumers',
        body: 'A poison message that fails processing is retried forever and blocks every message behind it on the partition.',
        fix: 'Cap processing attempts and move the failing message to a dead-letter queue.',
        handled: ['dead letter'],
      }),
    ]);
    const plan = [
      '# Events',
      '',
      'Orders are published to a Redis stream.',
      'Consumers read in batches of 100.',
      'On a processing failure the consumer retries the message until processing succeeds, blocking the partition.',
    ];

    expect(fire(plan.join('\n'), catalogue)).toEqual([['cache.poison', 'line', 5, 'Redis']]);
  });

  it('places a concern on a line that says its risk in other words, one severity milder, when its own wording is absent', () => {
    const catalogue = stampedeCatalogue();
    const plan = `${menuContext}After each deploy the Redis keys are emptied, so every request misses and stampedes the origin database.\n`;

    const hits = runCatalogue(parseDocument('plan.md', plan), catalogue.concerns.values());
    const draft = concernDraft(catalogue.concerns.get('cache.no-fallback')!, hits[0]!, ['scalability']);

    expect([hits.map((h) => [h.ruleId, h.anchor.startLine, h.inferred !== undefined]), draft.severity]).toEqual([
      [['cache.no-fallback', 11, true]],
      'important',
    ]);
  });

  it("infers the risk on a line of the component's section that does not name it, but not in another section", () => {
    const catalogue = stampedeCatalogue();
    const sentence = 'After each deploy the keys are emptied, so every request misses and stampedes the origin database.';

    expect({
      sameSection: fire(`${menuContext}${sentence}\n`, catalogue),
      otherSection: fire(`${menuContext}## Deploys\n${sentence}\n`, catalogue),
    }).toEqual({ sameSection: [['cache.no-fallback', 'line', 11, 'Redis']], otherSection: [] });
  });

  it('does not infer a risk from a question or from a line that shares only common words', () => {
    const catalogue = stampedeCatalogue();
    const plan = `${menuContext}- Does a deploy empty Redis so every request misses and stampedes the origin database?\n- Would a deploy empty the keys so every request misses and stampedes the origin database?\n- Redis holds every menu of the shop.\n`;

    expect(fire(plan, catalogue)).toEqual([]);
  });

  it('stays quiet when the plan handles the concern anywhere it commits to', () => {
    const catalogue = catalogueWith([concern({})]);

    expect(fire('# Limits\n1. Add Redis dependency\n\n## Failure\nIf Redis is down we fall back to a local counter.', catalogue)).toEqual([]);
  });

  it('looks for the handling of a risky sentence in its own section, unless the concern is Critical or says document', () => {
    const plan = '# Cache\n\n## Design\nEvery deploy flushes the Redis cache.\n\n## Failure\nIf Redis is down we fall back to the database.';
    const important = catalogueWith([concern({ severity: 'important', risk: ['flush*'] })]);
    const critical = catalogueWith([concern({ risk: ['flush*'] })]);
    const wholeDocument = catalogueWith([concern({ severity: 'important', risk: ['flush*'], handledScope: 'document' })]);

    expect({ important: fire(plan, important), critical: fire(plan, critical), wholeDocument: fire(plan, wholeDocument) }).toEqual({
      important: [['cache.no-fallback', 'line', 4, 'Redis']],
      critical: [],
      wholeDocument: [],
    });
  });

  it('does not take a mitigation the plan denies ("no fallback") as handling, but takes a conditional one', () => {
    const catalogue = catalogueWith([concern({})]);

    expect({
      denied: fire('# Limits\nCount requests in Redis, with no fallback.', catalogue),
      conditional: fire('# Limits\nCount requests in Redis; if no fallback is set, requests are refused.', catalogue),
    }).toEqual({ denied: [['cache.no-fallback', 'line', 2, 'Redis']], conditional: [] });
  });

  it('does not take a protection the plan switches off afterwards ("fallback disabled") as handling', () => {
    const catalogue = catalogueWith([concern({})]);

    expect({
      disabled: fire('# Limits\nCount requests in Redis; the fallback is disabled for launch.', catalogue),
      named: fire('# Limits\nCount requests in Redis; the fallback serves stale counts.', catalogue),
      conditional: fire('# Limits\nCount requests in Redis; if the fallback is turned off, requests are refused.', catalogue),
      qualified: fire('# Limits\nCount requests in Redis; the fallback is not configured with a timeout yet.', catalogue),
    }).toEqual({ disabled: [['cache.no-fallback', 'line', 2, 'Redis']], named: [], conditional: [], qualified: [] });
  });

  it('does not take a mitigation the plan puts off ("on the roadmap", "in phase 2") as handling, even when the sentence wraps', () => {
    const catalogue = catalogueWith([concern({})]);

    expect({
      roadmap: fire('# Limits\nCount requests in Redis. A fallback to local counts is on the roadmap.', catalogue),
      wrapped: fire('# Limits\nCount requests in Redis. A circuit breaker needs a new client library, which\nis planned for phase 2.', catalogue),
      otherSentence: fire('# Limits\nCount requests in Redis with a fallback to local counts. Dashboards come in phase 2.', catalogue),
    }).toEqual({ roadmap: [['cache.no-fallback', 'line', 2, 'Redis']], wrapped: [['cache.no-fallback', 'line', 2, 'Redis']], otherSentence: [] });
  });

  it('reads a denial before or after a handled phrase that wraps onto the next line', () => {
    const catalogue = catalogueWith([concern({ handled: ['stale counts'] })]);

    expect({
      wrapped: fire('# Limits\nCount requests in Redis; the fallback serves stale\ncounts for a minute.', catalogue),
      deniedBefore: fire('# Limits\nCount requests in Redis; the fallback serves no stale\ncounts at all.', catalogue),
      deniedAfter: fire('# Limits\nCount requests in Redis; the fallback serves stale\ncounts disabled for launch.', catalogue),
    }).toEqual({ wrapped: [], deniedBefore: [['cache.no-fallback', 'line', 2, 'Redis']], deniedAfter: [['cache.no-fallback', 'line', 2, 'Redis']] });
  });

  it('ignores a component named only in non-goals or rejected alternatives', () => {
    const catalogue = catalogueWith([concern({})]);
    const text = '# Limits\nCount requests in the database.\n\n## Non-goals\n- A Redis cache\n\n## Alternatives considered\nRedis was rejected.';

    expect(fire(text, catalogue)).toEqual([]);
  });

  it('counts the heading of an inactive section as handling, but not its text', () => {
    const catalogue = catalogueWith([concern({ id: 'no-alternatives', anchor: 'document', handled: ['alternatives'] })]);

    expect(fire('# Cache\nAdd Redis.\n\n## Alternatives considered\nMemcached.', catalogue)).toEqual([]);
  });

  it('does not count a mitigation that the plan puts out of scope', () => {
    const catalogue = catalogueWith([concern({})]);
    const text = '# Limits\n1. Add Redis dependency\n\nOut of scope:\n- a fallback when Redis is down';

    expect(fire(text, catalogue)).toEqual([['cache.no-fallback', 'line', 2, 'Redis']]);
  });

  it('puts a plan-wide absence at document level and a section gap on the matching heading', () => {
    const catalogue = catalogueWith([
      concern({ id: 'no-metrics', anchor: 'document', handled: ['metric*'] }),
      concern({ id: 'no-rollout', anchor: 'section', heading: ['rollout'], handled: ['canary'] }),
    ]);

    expect(fire('# Cache\nAdd Redis.\n\n## Rollout\nShip it on Monday.', catalogue)).toEqual([
      ['cache.no-metrics', 'document', null, 'Redis'],
      ['cache.no-rollout', 'section', 4, 'Redis'],
    ]);
  });

  it('needs the component on as many lines as minMentions says', () => {
    const catalogue = catalogueWith([concern({})], { minMentions: 2 });

    expect({ once: fire('# Plan\nA cache.', catalogue).length, twice: fire('# Plan\nA cache.\nThe cache holds prices.', catalogue).length }).toEqual({
      once: 0,
      twice: 1,
    });
  });
});
