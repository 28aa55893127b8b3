import { findSection } from '../../documents/find-section.js';
import type { PlanDocument } from '../../documents/schema.js';
import { documentAnchor, lineAnchor, sectionAnchor } from '../../findings/make-anchor.js';
import type { RuleHit } from './rule-hit.js';
import type { TopicRule } from './schema.js';

const compiled = new Map<string, RegExp>();
function re(pattern: string): RegExp {
  let r = compiled.get(pattern);
  if (!r) {
    r = new RegExp(pattern, 'iu');
    compiled.set(pattern, r);
  }
  return r;
}

/**
 * Compile a rule's patterns ahead of time (at start-up): V8 compiles a regular expression on its
 * first run, separately for one-byte and two-byte text, and `iu` patterns take milliseconds each.
 */
export function compileTopicRule(rule: TopicRule): void {
  for (const p of [...rule.when, ...rule.trigger, ...rule.unless, ...(rule.exclude ?? []), ...(rule.heading ? [rule.heading] : [])]) {
    const r = re(p);
    r.test('warm up the plan');
    r.test('warm up the plan — naïve €');
  }
}

/** Lines a rule reads: visible text, and code only when the rule asks for it. */
function visibleLines(doc: PlanDocument, inCode: boolean): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  doc.lines.forEach((text, i) => {
    const line = i + 1;
    if (doc.hiddenLines.has(line)) return;
    if (!inCode && doc.codeLines.has(line)) return;
    out.push({ line, text });
  });
  return out;
}

function anyMatch(lines: Array<{ text: string }>, patterns: string[]): boolean {
  return patterns.some((p) => lines.some((l) => re(p).test(l.text)));
}

/** The text a trigger stands for: the named group `match` when the pattern has one, else the whole match. */
function matchText(m: RegExpExecArray): string {
  return (m.groups?.['match'] ?? m[0]).trim();
}

/**
 * A topic rule fires when the document raises a subject (`when`, `trigger`) and nowhere answers
 * it (`unless`). Mitigations are searched in prose and code alike: a fallback written as code is
 * still a fallback.
 */
export function runTopicRule(doc: PlanDocument, rule: TopicRule): RuleHit[] {
  const prose = visibleLines(doc, rule.inCode);
  const everything = visibleLines(doc, true);
  if (!rule.when.every((p) => anyMatch(prose, [p]))) return [];

  const triggers: Array<{ line: number; match: string }> = [];
  for (const { line, text } of prose) {
    if (rule.exclude.some((p) => re(p).test(text))) continue;
    for (const p of rule.trigger) {
      const m = re(p).exec(text);
      if (m) {
        triggers.push({ line, match: matchText(m) });
        break;
      }
    }
  }
  if (rule.trigger.length > 0 && triggers.length < rule.minTriggers) return [];

  const handled = (line: number | null): boolean => {
    if (line !== null && rule.unlessScope === 'section') {
      const section = findSection(doc, line);
      const scope = section ? everything.filter((l) => l.line >= section.startLine && l.line <= section.endLine) : everything;
      return anyMatch(scope, rule.unless);
    }
    if (line !== null && rule.unlessScope === 'near') {
      return anyMatch(everything.filter((l) => Math.abs(l.line - line) <= rule.near), rule.unless);
    }
    return anyMatch(everything, rule.unless);
  };

  if (rule.trigger.length === 0 || rule.anchor !== 'trigger') {
    let first: { line: number; match: string } | null = null;
    if (rule.trigger.length > 0) {
      first = triggers.find((t) => !handled(t.line)) ?? null;
      if (!first) return [];
    } else if (handled(null)) {
      return [];
    }
    const match = first?.match ?? '';
    if (rule.anchor === 'section' || (rule.anchor === 'trigger' && !first)) {
      const heading = (rule.heading ? doc.sections.find((s) => re(rule.heading!).test(s.title)) : undefined) ?? (first ? findSection(doc, first.line) : null);
      return [{ ruleId: rule.id, anchor: heading ? sectionAnchor(doc, heading) : documentAnchor(doc), match }];
    }
    return [{ ruleId: rule.id, anchor: documentAnchor(doc), match }];
  }

  const hits: RuleHit[] = [];
  const seen = new Set<string>();
  for (const t of triggers) {
    const key = t.match.toLowerCase();
    if (seen.has(key)) continue;
    if (handled(t.line)) continue;
    seen.add(key);
    hits.push({ ruleId: rule.id, anchor: lineAnchor(doc, t.line), match: t.match });
    if (!rule.perMatch) break;
  }
  return hits;
}
