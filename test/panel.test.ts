import { describe, expect, it } from '@jest/globals';
import { parseDocument } from '../src/documents/parse-document.js';
import { lineAnchor, sectionAnchor } from '../src/findings/make-anchor.js';
import { mergeFindings } from '../src/findings/merge-findings.js';
import { computeReadiness } from '../src/findings/readiness.js';
import type { DraftFinding, Severity } from '../src/findings/schema.js';
import { fingerprint } from '../src/findings/fingerprint.js';
import { rankFindings } from '../src/panel/rank-findings.js';
import { selectPersonas } from '../src/panel/select-personas.js';
import type { Persona } from '../src/personas/schema.js';

const doc = parseDocument(
  'plan.md',
  ['# Plan', '', '## Storage', 'Add Redis as a cache.', 'Keep sessions in Postgres.', '', '## Rollout', 'Ship on Monday.'].join('\n'),
);

function draft(overrides: Partial<DraftFinding>): DraftFinding {
  return {
    engine: 'checklist',
    concern: 'dependency-failure',
    ruleId: 'dependency-failure',
    personas: ['integrations'],
    severity: 'critical',
    title: 'Redis has no failure story',
    body: 'What happens when Redis is down?',
    recommendation: 'required',
    suggestion: null,
    anchor: lineAnchor(doc, 4),
    ...overrides,
  };
}

function persona(id: string, engage: Partial<Persona['engage']>): Persona {
  return { id, name: id, focus: 'f', engage: { always: false, triggers: [], minMatches: 1, ...engage }, checks: [], prompt: 'p'.repeat(50), source: 'test' };
}

describe('mergeFindings', () => {
  it('merges the same concern on the same lines into one finding crediting both personas', () => {
    const merged = mergeFindings([draft({}), draft({ personas: ['scalability'] })]);

    expect(merged.map((f) => f.personas)).toEqual([['integrations', 'scalability']]);
  });

  it('keeps the most severe wording when personas disagree on severity', () => {
    const merged = mergeFindings([draft({ severity: 'important', title: 'mild' }), draft({ personas: ['security'], title: 'severe' })]);

    expect(merged.map((f) => [f.severity, f.title])).toEqual([['critical', 'severe']]);
  });

  it('merges a Claude finding with a checklist finding that says the same on the same line', () => {
    const merged = mergeFindings([
      draft({}),
      draft({
        engine: 'claude',
        concern: 'redis-outage',
        ruleId: null,
        personas: ['staff-engineer'],
        title: 'Redis outage takes the API down',
        body: 'Redis is a new dependency with no failure story; when it is down every request fails.',
      }),
    ]);

    expect(merged.map((f) => [f.engines, f.personas])).toEqual([
      [
        ['claude', 'checklist'],
        ['staff-engineer', 'integrations'],
      ],
    ]);
  });

  it('keeps different concerns on the same line apart', () => {
    const merged = mergeFindings([
      draft({}),
      draft({ concern: 'cache-invalidation', ruleId: 'cache-invalidation', title: 'Cache has no TTL', body: 'Entries never expire.' }),
    ]);

    expect(merged).toHaveLength(2);
  });

  it('gives the same finding the same id on every run, wherever its lines move', () => {
    const moved = parseDocument('plan.md', ['# Plan', 'Intro added above.', '', '## Storage', 'Add Redis as a cache.'].join('\n'));

    const before = mergeFindings([draft({})])[0]!.id;
    const after = mergeFindings([draft({ anchor: lineAnchor(moved, 5) })])[0]!.id;

    expect(after).toBe(before);
    expect(before).toBe(fingerprint('dependency-failure', lineAnchor(doc, 4)));
  });

  it('gives two findings of one concern on identical quotes distinct ids', () => {
    const twice = parseDocument('p.md', ['# P', 'Add Redis.', 'Add Redis.'].join('\n'));

    const ids = mergeFindings([
      draft({ anchor: lineAnchor(twice, 2) }),
      draft({ anchor: lineAnchor(twice, 3), engine: 'checklist', personas: ['x'], concern: 'dependency-failure' }),
    ]).map((f) => f.id);

    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('computeReadiness', () => {
  const of = (c: number, i: number, n: number): Array<{ severity: Severity }> => [
    ...Array<{ severity: Severity }>(c).fill({ severity: 'critical' }),
    ...Array<{ severity: Severity }>(i).fill({ severity: 'important' }),
    ...Array<{ severity: Severity }>(n).fill({ severity: 'nice-to-have' }),
  ];

  it('scores a plan with nothing open 10/10, ready', () => {
    expect(computeReadiness([])).toEqual({ critical: 0, important: 0, niceToHave: 0, readiness: 10, verdict: 'ready-with-minor-tweaks' });
  });

  it('asks for significant changes while any critical is open', () => {
    expect(computeReadiness(of(1, 1, 0))).toEqual({ critical: 1, important: 1, niceToHave: 0, readiness: 7, verdict: 'needs-significant-changes' });
  });

  it('asks for a redesign at three criticals', () => {
    expect(computeReadiness(of(3, 0, 0)).verdict).toBe('needs-redesign');
  });

  it('never scores below 1', () => {
    expect(computeReadiness(of(2, 10, 8)).readiness).toBe(1);
  });

  it('treats three important findings as significant changes', () => {
    expect(computeReadiness(of(0, 3, 2))).toEqual({ critical: 0, important: 3, niceToHave: 2, readiness: 7, verdict: 'needs-significant-changes' });
  });
});

describe('rankFindings', () => {
  it('orders by severity then line, and holds back findings beyond a cap', () => {
    const merged = mergeFindings([
      draft({ severity: 'nice-to-have', concern: 'a', anchor: lineAnchor(doc, 4) }),
      draft({ severity: 'critical', concern: 'b', anchor: lineAnchor(doc, 8) }),
      draft({ severity: 'critical', concern: 'c', anchor: lineAnchor(doc, 5) }),
      draft({ severity: 'important', concern: 'd', anchor: sectionAnchor(doc, doc.sections[1]!) }),
    ]);

    const { shown, held } = rankFindings(merged, { critical: 5, important: 5, 'nice-to-have': 0 });

    expect(shown.map((f) => f.concern)).toEqual(['c', 'b', 'd']);
    expect(held.map((f) => f.concern)).toEqual(['a']);
  });
});

describe('selectPersonas', () => {
  it('engages always-on personas and those whose triggers the document mentions', () => {
    const panel = [
      persona('generalist', { always: true }),
      persona('cache', { triggers: ['redis'] }),
      persona('payments', { triggers: ['payment', 'refund'], minMatches: 2 }),
    ];

    const selected = selectPersonas(doc, panel);

    expect(selected.map((s) => [s.persona.id, s.matched])).toEqual([
      ['generalist', []],
      ['cache', ['redis']],
    ]);
  });

  it('matches triggers at word starts only', () => {
    const selected = selectPersonas(parseDocument('p.md', 'We credit the author.'), [persona('edit', { triggers: ['edit'] })]);

    expect(selected).toEqual([]);
  });

  it('lets an explicit list override relevance', () => {
    const selected = selectPersonas(doc, [persona('payments', { triggers: ['payment'] })], { only: ['payments'] });

    expect(selected.map((s) => s.persona.id)).toEqual(['payments']);
  });
});
