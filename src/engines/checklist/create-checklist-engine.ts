import type { DraftFinding } from '../../findings/schema.js';
import type { Engine, EngineRequest, EngineResult, PersonaRun } from '../types.js';
import { ZERO_USAGE } from '../types.js';
import { loadRules } from './load-rules.js';
import type { RuleHit } from './rule-hit.js';
import { runTopicRule } from './run-topic-rule.js';
import type { Rule, SqlRule } from './schema.js';
import { runSqlRules } from './sql/run-sql-rules.js';

/**
 * The offline engine: each persona runs the rules its file lists under `checks`. Deterministic,
 * no network, so anyone can try the panel and CI can gate on it.
 */
export function createChecklistEngine(rules: Map<string, Rule> = loadRules()): Engine {
  return {
    name: 'checklist',
    async review({ document, personas }: EngineRequest): Promise<EngineResult> {
      const findings: DraftFinding[] = [];
      const runs: PersonaRun[] = [];
      const notes: string[] = [];
      // A rule shared by several personas runs once; its hit is credited to each of them.
      const hitsByRule = new Map<string, RuleHit[]>();
      const wanted = new Set(personas.flatMap((p) => p.checks));
      const sqlRules = [...wanted].map((id) => rules.get(id)).filter((r): r is SqlRule => r?.kind === 'sql');
      for (const hit of await runSqlRules(document, sqlRules)) {
        hitsByRule.set(hit.ruleId, [...(hitsByRule.get(hit.ruleId) ?? []), hit]);
      }
      let sinceYield = 0;
      for (const id of wanted) {
        const rule = rules.get(id);
        if (rule?.kind === 'topic') hitsByRule.set(id, runTopicRule(document, rule));
        // In the app this runs on the loop that answers webhooks: give it a turn every few rules.
        if (++sinceYield % 8 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }

      for (const persona of personas) {
        const unknown = persona.checks.filter((id) => !rules.has(id));
        if (unknown.length > 0) notes.push(`Persona ${persona.id} lists unknown checks: ${unknown.join(', ')}.`);
        let count = 0;
        for (const id of persona.checks) {
          const rule = rules.get(id);
          if (!rule) continue;
          for (const hit of hitsByRule.get(id) ?? []) {
            findings.push(toDraft(rule, hit, persona.id));
            count++;
          }
        }
        runs.push({ persona: persona.id, engine: 'checklist', status: 'ok', reason: null, findings: count, usage: ZERO_USAGE });
      }
      return { findings, runs, notes, unanchored: 0 };
    },
  };
}

function fill(template: string, match: string): string {
  return template.replaceAll('{match}', match).trim();
}

function toDraft(rule: Rule, hit: RuleHit, persona: string): DraftFinding {
  return {
    engine: 'checklist',
    concern: rule.concern ?? rule.id,
    ruleId: rule.id,
    personas: [persona],
    severity: rule.severity,
    title: fill(rule.title, hit.match),
    body: fill(rule.body, hit.match),
    recommendation: rule.recommendation,
    suggestion: hit.suggestion ?? null,
    anchor: hit.anchor,
  };
}
