import type { Finding, Severity } from '../findings/schema.js';
import type { PanelResult } from '../panel/run-panel.js';
import { RECOMMENDATION_LABEL } from '../publish/labels.js';
import { nameRule } from './name-rule.js';
import { readPackageVersion } from '../read-package-version.js';

/** SARIF levels: code scanning shows error / warning / note; a Critical finding is an error. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', important: 'warning', 'nice-to-have': 'note' };

/** A repository-relative path as a SARIF `uri` (a URI reference: segments percent-encoded, `/` kept). */
function toUri(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '').split('/').map(encodeURIComponent).join('/');
}

/**
 * Code scanning needs a region for every result: a line finding covers its lines, a section
 * finding its heading line, a document finding line 1 (the result still names the whole file).
 */
function regionOf(finding: Finding): { startLine: number; endLine?: number } {
  const { anchor } = finding;
  if (anchor.level === 'line' && anchor.startLine !== null) return { startLine: anchor.startLine, endLine: anchor.endLine ?? anchor.startLine };
  if (anchor.level === 'section' && anchor.startLine !== null) return { startLine: anchor.startLine };
  return { startLine: 1 };
}

/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`). Every open finding is
 * a result — those beyond the per-severity caps too, since caps exist for a human reading a review —
 * and its stable id is the partial fingerprint, so code scanning tracks it across commits.
 */
export function renderSarif(result: PanelResult): string {
  const all = [...result.findings, ...result.held];
  const rules = new Map<string, Finding>();
  for (const f of all) if (!rules.has(nameRule(f))) rules.set(nameRule(f), f);
  const ruleIds = [...rules.keys()];
  const names = new Map(result.consulted.map((p) => [p.id, p.name]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'rfc-panel',
            version: readPackageVersion(),
            rules: ruleIds.map((id) => {
              const f = rules.get(id)!;
              return {
                id,
                shortDescription: { text: f.title },
                defaultConfiguration: { level: LEVEL[f.severity] },
                properties: { tags: ['design-review', ...f.personas] },
              };
            }),
          },
        },
        results: all.map((f) => ({
          ruleId: nameRule(f),
          ruleIndex: ruleIds.indexOf(nameRule(f)),
          level: LEVEL[f.severity],
          message: {
            text: `${f.title}\n\n${f.body}\n\n${RECOMMENDATION_LABEL[f.recommendation]} · raised by ${f.personas.map((p) => names.get(p) ?? p).join(', ')}`,
          },
          locations: [{ physicalLocation: { artifactLocation: { uri: toUri(f.anchor.path) }, region: regionOf(f) } }],
          partialFingerprints: { 'rfcPanelFindingId/v1': f.id },
          properties: {
            severity: f.severity,
            recommendation: f.recommendation,
            personas: f.personas,
            engines: f.engines,
            anchorLevel: f.anchor.level,
            section: f.anchor.section,
          },
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
