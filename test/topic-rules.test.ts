import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../src/documents/parse-document.js';
import { createChecklistEngine } from '../src/engines/checklist/create-checklist-engine.js';
import { builtInRulesDir, loadRules, parseRule } from '../src/engines/checklist/load-rules.js';
import type { RuleHit } from '../src/engines/checklist/rule-hit.js';
import { runTopicRule } from '../src/engines/checklist/run-topic-rule.js';
import { type Rule, type TopicRule, TopicRuleSchema } from '../src/engines/checklist/schema.js';
import type { Persona } from '../src/personas/schema.js';

// Every topic rule file in reviewers/rules (the sql.* files have their own suite).
const topicRules: TopicRule[] = readdirSync(builtInRulesDir())
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => parseRule(join(builtInRulesDir(), name), readFileSync(join(builtInRulesDir(), name), 'utf8')))
  .filter((rule): rule is TopicRule => rule.kind === 'topic');

/** A topic rule with the schema's defaults, for the semantics tests. */
function topic(fields: Record<string, unknown>): TopicRule {
  return TopicRuleSchema.parse({
    id: 'test.rule',
    kind: 'topic',
    severity: 'important',
    recommendation: 'should',
    title: 'About {match}',
    body: 'Because {match}.',
    unless: ['fallback'],
    fixture: { fires: { doc: 'x', line: null }, passes: 'y' },
    ...fields,
  });
}

function run(lines: string[], rule: TopicRule): RuleHit[] {
  return runTopicRule(parseDocument('plan.md', lines.join('\n')), rule);
}

/** What a reader sees of a hit: where it sits and what it names. */
function placed(hits: RuleHit[]): Array<[string, number | null, string]> {
  return hits.map((h) => [h.anchor.level, h.anchor.startLine, h.match]);
}

describe('topic rule files', () => {
  it('load, and each is named after its id', () => {
    const loaded = loadRules();

    expect(topicRules.length).toBeGreaterThan(20);
    expect(topicRules.filter((r) => loaded.get(r.id)?.kind !== 'topic')).toEqual([]);
  });

  it.each(topicRules.map((r) => [r.id, r] as const))('%s fires where its fixture says and not on its passing document', (_id, rule) => {
    const fires = runTopicRule(parseDocument('fires.md', rule.fixture.fires.doc), rule);
    const passes = runTopicRule(parseDocument('passes.md', rule.fixture.passes), rule);

    const where = rule.fixture.fires.line === null ? 'not a line' : rule.fixture.fires.line;
    expect({
      firstHit: fires[0] ? (fires[0].anchor.level === 'line' ? fires[0].anchor.startLine : 'not a line') : 'no hit',
      passes: placed(passes),
    }).toEqual({ firstHit: where, passes: [] });
  });

  it.each(topicRules.filter((r) => r.anchor === 'trigger').map((r) => [r.id, r] as const))('%s names the text it fired on in its title or body', (_id, rule) => {
    expect(`${rule.title}\n${rule.body}`).toContain('{match}');
  });
});

describe('runTopicRule', () => {
  const redis = topic({ trigger: ['\\b(?:add|use)\\s+(?<match>Redis|Kafka)\\b'], unless: ['fall ?back', 'circuit breaker'] });

  it('anchors a finding by its quoted text', () => {
    const hits = run(['# Plan', '', '## Steps', '1. Add Redis dependency', '2. Ship'], redis);

    expect(hits).toEqual([
      {
        ruleId: 'test.rule',
        match: 'Redis',
        anchor: { path: 'plan.md', level: 'line', startLine: 4, endLine: 4, quote: '1. Add Redis dependency', section: 'Plan › Steps' },
      },
    ]);
  });

  it('is suppressed by a mitigation anywhere in the document', () => {
    const hits = run(['# Plan', '1. Add Redis dependency', '', '## Much later', 'If Redis is down we fall back to memory.'], redis);

    expect(hits).toEqual([]);
  });

  it('counts a mitigation written as code', () => {
    const hits = run(['# Plan', '1. Add Redis dependency', '```ts', 'return fallback.increment(key);', '```'], redis);

    expect(hits).toEqual([]);
  });

  it('does not treat code blocks as triggers', () => {
    const hits = run(['# Plan', '```', 'add Redis to docker-compose', '```', 'Nothing else.'], redis);

    expect(hits).toEqual([]);
  });

  it('reads code blocks when the rule asks for it', () => {
    const hits = run(['# Plan', '```', 'add Redis to docker-compose', '```'], topic({ ...redis, inCode: true }));

    expect(placed(hits)).toEqual([['line', 3, 'Redis']]);
  });

  it('ignores HTML comments, as triggers and as mitigations', () => {
    const commentedTrigger = run(['# Plan', '<!-- add Redis later -->', 'Ship.'], redis);
    const commentedMitigation = run(['# Plan', '1. Add Redis', '<!--', 'fall back to memory', '-->'], redis);

    expect({ commentedTrigger, commentedMitigation: placed(commentedMitigation) }).toEqual({ commentedTrigger: [], commentedMitigation: [['line', 2, 'Redis']] });
  });

  it('reports each distinct trigger once with perMatch', () => {
    const lines = ['# Plan', '1. Add Redis', '2. Use Kafka for events', '3. Use Redis for sessions'];

    expect({ perMatch: placed(run(lines, topic({ ...redis, perMatch: true }))), first: placed(run(lines, redis)) }).toEqual({
      perMatch: [['line', 2, 'Redis'], ['line', 3, 'Kafka']],
      first: [['line', 2, 'Redis']],
    });
  });

  it('uses the whole match when the pattern has no named group', () => {
    const hits = run(['# Plan', 'We add Redis here.'], topic({ trigger: ['add redis'] }));

    expect(placed(hits)).toEqual([['line', 2, 'add Redis']]);
  });

  it('skips trigger lines that match an exclude pattern', () => {
    const rule = topic({ ...redis, exclude: ['instead of'] });

    const hits = run(['# Plan', 'Use Kafka instead of Redis? No: add Redis only if needed.', 'Add Kafka later.'], rule);

    expect(placed(hits)).toEqual([['line', 3, 'Kafka']]);
  });

  it('needs minTriggers distinct trigger lines', () => {
    const rule = topic({ trigger: ['\\bPOST /\\w+'], minTriggers: 2, anchor: 'document' });

    expect({ one: run(['# API', '- POST /notes'], rule).length, two: run(['# API', '- POST /notes', '- POST /tags'], rule).length }).toEqual({ one: 0, two: 1 });
  });

  it('applies only when every `when` pattern appears in the prose', () => {
    const rule = topic({ ...redis, when: ['rate limit'] });

    expect({
      without: run(['# Plan', 'Add Redis.'], rule).length,
      onlyInCode: run(['# Plan', 'Add Redis.', '```', '// rate limit', '```'], rule).length,
      with: run(['# Rate limit', 'Add Redis.'], rule).length,
    }).toEqual({ without: 0, onlyInCode: 0, with: 1 });
  });

  it('looks for the mitigation only in the trigger section with unlessScope section', () => {
    const rule = topic({ ...redis, unlessScope: 'section', perMatch: true });

    const hits = run(['# Plan', '## Cache', 'Add Redis.', 'It has a fallback.', '## Events', 'Use Kafka.'], rule);

    expect(placed(hits)).toEqual([['line', 6, 'Kafka']]);
  });

  it('looks for the mitigation only near the trigger with unlessScope near', () => {
    const rule = topic({ ...redis, unlessScope: 'near', near: 1, perMatch: true });

    const hits = run(['# Plan', 'Add Redis.', 'Redis has a fallback.', '', '', 'Use Kafka.'], rule);

    expect(placed(hits)).toEqual([['line', 6, 'Kafka']]);
  });

  it('anchors gaps at the section named by `heading`, else the trigger section, else the document', () => {
    const lines = ['# Plan', '## Migration', 'Copy rows.', '## Steps', 'Add Redis.'];

    expect({
      heading: placed(run(lines, topic({ ...redis, anchor: 'section', heading: 'migration' }))),
      triggerSection: placed(run(lines, topic({ ...redis, anchor: 'section' }))),
      document: placed(run(lines, topic({ ...redis, anchor: 'document' }))),
      noTrigger: placed(run(['# Plan', 'Nothing here.'], topic({ unless: ['monitoring'], anchor: 'document' }))),
    }).toEqual({
      heading: [['section', 2, 'Redis']],
      triggerSection: [['section', 4, 'Redis']],
      document: [['document', null, 'Redis']],
      noTrigger: [['document', null, '']],
    });
  });
});

describe('topic rules through the checklist engine', () => {
  it('fills {match} into the finding and credits the persona that listed the rule', async () => {
    const rule = topic({ ...{ trigger: ['\\badd (?<match>Redis)\\b'] }, id: 'dependency.test', title: 'No failure story for {match}', body: 'When {match} is down, requests fail.' });
    const persona: Persona = {
      id: 'tester',
      name: 'Tester',
      focus: 'tests',
      engage: { always: true, triggers: [], minMatches: 1 },
      checks: ['dependency.test'],
      prompt: 'x'.repeat(40),
      source: 'tester.md',
    };
    const engine = createChecklistEngine(new Map<string, Rule>([[rule.id, rule]]));

    const { findings } = await engine.review({ document: parseDocument('plan.md', '# Plan\n1. Add Redis dependency\n'), personas: [persona] });

    expect(findings.map((f) => [f.personas, f.severity, f.title, f.body, f.anchor.startLine])).toEqual([
      [['tester'], 'important', 'No failure story for Redis', 'When Redis is down, requests fail.', 2],
    ]);
  });
});
