import { type DraftFinding, RECOMMENDATION_FOR, SEVERITIES, SEVERITY_RANK } from '../../findings/schema.js';
import type { Engine, EngineRequest, EngineResult, PersonaRun } from '../types.js';
import { ZERO_USAGE } from '../types.js';
import { type Catalogue, type CompiledConcern, loadCatalogue } from './catalogue/load-catalogue.js';
import { runCatalogue } from './catalogue/run-catalogue.js';
import type { CatalogueHit } from './catalogue/run-concern.js';
import { loadRules } from './load-rules.js';
import type { RuleHit } from './rule-hit.js';
import type { Rule, SqlRule } from './schema.js';
import { runSqlRules } from './sql/run-sql-rules.js';
import { checkTemplate } from './templates/check-template.js';
import { loadTemplates } from './templates/load-templates.js';
import type { Template, TemplateRequirement } from './templates/schema.js';

export interface ChecklistOptions {
  /** `templates:` from the repository's config: globs → a template id or required sections. */
  templateRequirements?: TemplateRequirement[];
  templates?: Template[];
}

/**
 * The offline engine: the catalogue's concerns for every component the document uses, and the SQL
 * rules of the personas selected. Deterministic, no network, so anyone can try the panel and CI can
 * gate on it.
 */
export function createChecklistEngine(rules: Map<string, Rule> = loadRules(), catalogue: Catalogue = loadCatalogue(), options: ChecklistOptions = {}): Engine {
  const templates = options.templates ?? loadTemplates();
  return {
    name: 'checklist',
    async review({ document, personas }: EngineRequest): Promise<EngineResult> {
      const findings: DraftFinding[] = [];
      const notes: string[] = [];
      const counts = new Map<string, number>(personas.map((p) => [p.id, 0]));
      const wanted = new Set(personas.flatMap((p) => p.checks));
      const sqlRules = [...wanted].map((id) => rules.get(id)).filter((r): r is SqlRule => r?.kind === 'sql');
      // A rule shared by several personas runs once; its hit is credited to each of them.
      const hitsByRule = new Map<string, RuleHit[]>();
      for (const hit of await runSqlRules(document, sqlRules)) hitsByRule.set(hit.ruleId, [...(hitsByRule.get(hit.ruleId) ?? []), hit]);
      for (const persona of personas) {
        const unknown = persona.checks.filter((id) => !rules.has(id));
        if (unknown.length > 0) notes.push(`Persona ${persona.id} lists unknown checks: ${unknown.join(', ')}.`);
        for (const id of persona.checks) {
          const rule = rules.get(id);
          if (!rule) continue;
          for (const hit of hitsByRule.get(id) ?? []) {
            findings.push(ruleDraft(rule, hit, persona.id));
            counts.set(persona.id, (counts.get(persona.id) ?? 0) + 1);
          }
        }
      }

      // In the app this runs on the loop that answers webhooks: give it a turn before the catalogue.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const selected = new Set(personas.map((p) => p.id));
      for (const hit of runCatalogue(document, catalogue.concerns.values())) {
        const c = catalogue.concerns.get(hit.ruleId)!;
        // Credit the panel members the concern belongs to; a concern whose personas were not
        // selected still speaks through its primary persona (the component is in the plan).
        const credited = c.concern.personas.filter((p) => selected.has(p));
        const by = credited.length > 0 ? credited : [c.concern.personas[0]!];
        findings.push(concernDraft(c, hit, by));
        for (const p of by) counts.set(p, (counts.get(p) ?? 0) + 1);
      }
      for (const draft of checkTemplate(document, templates, options.templateRequirements)) {
        findings.push(draft);
        counts.set(draft.personas[0]!, (counts.get(draft.personas[0]!) ?? 0) + 1);
      }
      const runs: PersonaRun[] = [...counts].map(([persona, n]) => ({
        persona,
        engine: 'checklist',
        status: 'ok',
        reason: null,
        findings: n,
        usage: ZERO_USAGE,
      }));
      return { findings, runs, notes, unanchored: 0 };
    },
  };
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(match|component|clause)\}/g, (_, k: string) => values[k] ?? '').trim();
}

function ruleDraft(rule: Rule, hit: RuleHit, persona: string): DraftFinding {
  // A hit may only make the finding milder than its rule says (the docs call the rule's severity the most it raises).
  const severity = hit.severity && SEVERITY_RANK[hit.severity] > SEVERITY_RANK[rule.severity] ? hit.severity : rule.severity;
  return {
    engine: 'checklist',
    concern: rule.concern ?? rule.id,
    ruleId: rule.id,
    personas: [persona],
    severity,
    title: fill(rule.title, { match: hit.match }),
    body: fill(rule.body, { match: hit.match }),
    recommendation: severity === rule.severity ? rule.recommendation : RECOMMENDATION_FOR[severity],
    suggestion: hit.suggestion ?? null,
    anchor: hit.anchor,
  };
}

/** A catalogue concern as a finding: its wording for the component as the plan names it, then the fix. */
export function concernDraft(c: CompiledConcern, hit: CatalogueHit, personas: string[]): DraftFinding {
  const values = { match: hit.match, component: hit.component, clause: hit.clause };
  // A line chosen by what it says, not by the concern's own wording, is a lead: one step milder.
  const severity =
    hit.inferred === undefined
      ? c.concern.severity
      : (SEVERITIES[Math.min(SEVERITY_RANK[c.concern.severity] + 1, SEVERITIES.length - 1)] ?? c.concern.severity);
  return {
    engine: 'checklist',
    concern: c.id,
    ruleId: c.id,
    personas,
    severity,
    title: fill(c.concern.title, values),
    body: `${fill(c.concern.body, values)}\n\n${fill(c.concern.fix, values)}`,
    recommendation: (hit.inferred === undefined ? c.concern.recommendation : undefined) ?? RECOMMENDATION_FOR[severity],
    suggestion: null,
    anchor: hit.anchor,
  };
}
