import { describe, expect, it } from '@jest/globals';
import { parseDocument } from '../src/documents/parse-document.js';
import { checkTemplate } from '../src/engines/checklist/templates/check-template.js';
import { detectTemplate } from '../src/engines/checklist/templates/detect-template.js';
import { loadTemplates } from '../src/engines/checklist/templates/load-templates.js';

const templates = loadTemplates();
const KEP_HEADINGS = [
  'Summary',
  'Motivation',
  'Goals',
  'Non-Goals',
  'Proposal',
  'Risks and Mitigations',
  'Design Details',
  'Test Plan',
  'Graduation Criteria',
  'Upgrade / Downgrade Strategy',
  'Version Skew Strategy',
  'Production Readiness Review Questionnaire',
  'Drawbacks',
  'Alternatives',
];

/** A KEP with every section written, except those given other bodies. */
function kep(bodies: Record<string, string | null> = {}): string {
  const out = ['# KEP-9999: Faster widgets', ''];
  for (const h of KEP_HEADINGS) {
    if (bodies[h] === null) continue;
    out.push(`## ${h}`, '', bodies[h] ?? `A real paragraph about ${h.toLowerCase()} for faster widgets.`, '');
  }
  return out.join('\n');
}

function found(text: string, path = 'keps/9999/README.md'): Array<[string, string, number | null]> {
  return checkTemplate(parseDocument(path, text), templates).map((f) => [f.concern, f.anchor.level, f.anchor.startLine]);
}

describe('document templates', () => {
  it('recognises a KEP, an RFC and an ADR by their headings', () => {
    const rfc =
      '# Summary\nx\n# Motivation\nx\n# Guide-level explanation\nx\n# Reference-level explanation\nx\n# Drawbacks\nx\n# Rationale and alternatives\nx\n';
    const adr = '# 1. Use Postgres\n## Status\nAccepted\n## Context\nx\n## Decision\nx\n## Consequences\nx\n';

    expect([kep(), rfc, adr].map((t) => detectTemplate(parseDocument('d.md', t), templates)?.id)).toEqual(['kep', 'rust-rfc', 'adr-nygard']);
  });

  it('stays quiet on a KEP whose sections are all written', () => {
    expect(found(kep())).toEqual([]);
  });

  it('reports a section left as TBD on its heading', () => {
    const text = kep({ 'Test Plan': 'TBD' });
    const heading = text.split('\n').indexOf('## Test Plan') + 1;

    expect(found(text)).toEqual([['template.placeholder.test-plan', 'line', heading]]);
  });

  it('reports a missing required section at document level', () => {
    expect(found(kep({ 'Production Readiness Review Questionnaire': null }))).toEqual([
      ['template.missing.production-readiness-review-questionnaire', 'document', null],
    ]);
  });

  it('reports several missing sections as one finding naming each', () => {
    const findings = checkTemplate(parseDocument('k.md', kep({ 'Test Plan': null, 'Version Skew Strategy': null })), templates);

    expect(findings.map((f) => [f.concern, f.anchor.level, f.title])).toEqual([
      ['template.missing-sections', 'document', 'The Kubernetes Enhancement Proposal has no “Test Plan” or “Version Skew Strategy” section'],
    ]);
  });

  it('treats "None." under Drawbacks and Alternatives as unwritten, but not elsewhere', () => {
    const text = kep({ Drawbacks: 'None.', Alternatives: 'None.', 'Risks and Mitigations': 'None.' });

    expect(found(text).map(([c]) => c)).toEqual(['template.placeholder.drawbacks', 'template.placeholder.alternatives']);
  });

  it('treats a section holding only the template’s HTML comment as empty', () => {
    const text = kep({ Summary: '<!--\nWrite a one-paragraph summary here.\n-->' });

    expect(found(text).map(([c]) => c)).toEqual(['template.placeholder.summary']);
  });

  it('reports any other section that still reads TODO, in any document', () => {
    expect(found('# Cache plan\n\n## Design\nRedis in front.\n\n## Rollback\nTODO\n', 'docs/plan.md')).toEqual([['template.placeholder.rollback', 'line', 6]]);
  });

  it('applies a repository’s `templates:` requirement to the paths it names', () => {
    const requirement = [{ paths: ['docs/adr/**'], sections: ['Security considerations'] }];
    const doc = (path: string) => checkTemplate(parseDocument(path, '# Choose a queue\n\n## Decision\nSQS.\n'), templates, requirement).map((f) => f.concern);

    expect({ adr: doc('docs/adr/0002.md'), other: doc('docs/plan.md') }).toEqual({ adr: ['template.missing.security-considerations'], other: [] });
  });
});
