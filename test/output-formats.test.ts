// --format sarif and --format rdjson, validated against the formats' own JSON Schemas (vendored in
// test/fixtures/schemas: SARIF 2.1.0 from OASIS, rdjson from reviewdog — see the README there).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { ValidateFunction } from 'ajv';
import { runCli } from '../src/cli/run-cli.js';
import { packageRoot } from '../src/package-root.js';

const require = createRequire(import.meta.url);
const root = packageRoot();
const schemas = join(root, 'test', 'fixtures', 'schemas');

/** Both schemas are draft-04 (`id`, not `$id`), which ajv 8 reads through ajv-draft-04. */
function compile(file: string): ValidateFunction {
  const Ajv04 = require('ajv-draft-04').default as typeof import('ajv-draft-04').default;
  const addFormats = require('ajv-formats').default as typeof import('ajv-formats').default;
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(schemas, file), 'utf8')) as object);
}

/** Paths as a user types them in the repository's root (SARIF and rdjson need repository-relative paths). */
async function review(format: string, path = 'examples/webhook-delivery.md'): Promise<unknown> {
  let stdout = '';
  const code = await runCli(['review', path, '--format', format], {
    stdout: (t) => (stdout += t),
    stderr: () => undefined,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
  });
  expect(code).toBe(0);
  return JSON.parse(stdout) as unknown;
}

interface Sarif {
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string }> } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
      partialFingerprints: Record<string, string>;
    }>;
  }>;
}

interface Rdjson {
  diagnostics: Array<{ severity: string; location: { path: string; range: { start: { line: number } } }; code: { value: string } }>;
}

describe('--format sarif', () => {
  const validate = compile('sarif-schema-2.1.0.json');

  it('is valid SARIF 2.1.0', async () => {
    const sarif = await review('sarif');

    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
  });

  it('has one result per finding, on its file and line, with the finding id as fingerprint', async () => {
    const json = (await review('json')) as { findings: Array<{ id: string; path: string; line: number | null; severity: string }>; summary: { held: number } };

    const sarif = (await review('sarif')) as Sarif;
    const run = sarif.runs[0]!;

    expect(run.results).toHaveLength(json.findings.length + json.summary.held);
    const byId = new Map(run.results.map((r) => [r.partialFingerprints['rfcPanelFindingId/v1'], r]));
    const critical = json.findings.find((f) => f.severity === 'critical' && f.line !== null)!;
    expect(byId.get(critical.id)).toMatchObject({
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'examples/webhook-delivery.md' }, region: { startLine: critical.line } } }],
    });
    expect(run.results.every((r) => run.tool.driver.rules[r.ruleIndex]?.id === r.ruleId)).toBe(true);
  });

  it('is valid with no findings at all', async () => {
    const sarif = await review('sarif', 'test/fixtures/bad-inputs/docs/empty.md');

    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    expect((sarif as Sarif).runs[0]!.results).toEqual([]);
  });

  it('catches an invalid log (the schema is really applied)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });
});

describe('--format rdjson', () => {
  const validate = compile('reviewdog-rdjson.json');

  it("is valid against reviewdog's DiagnosticResult schema", async () => {
    const rdjson = await review('rdjson');

    expect(validate(rdjson) ? [] : validate.errors).toEqual([]);
  });

  it('maps severities to ERROR / WARNING / INFO and keeps each finding on its line', async () => {
    const json = (await review('json')) as { findings: Array<{ severity: string; line: number | null }> };

    const rdjson = (await review('rdjson')) as Rdjson;

    const expected = { critical: 'ERROR', important: 'WARNING', 'nice-to-have': 'INFO' } as Record<string, string>;
    const shown = rdjson.diagnostics.slice(0, json.findings.length);
    expect(shown.map((d) => d.severity)).toEqual(json.findings.map((f) => expected[f.severity]));
    expect(shown.filter((_, i) => json.findings[i]!.line !== null).map((d) => d.location.range.start.line)).toEqual(
      json.findings.flatMap((f) => (f.line === null ? [] : [f.line])),
    );
    expect(new Set(shown.map((d) => d.location.path))).toEqual(new Set(['examples/webhook-delivery.md']));
  });

  it('catches an invalid result (the schema is really applied)', () => {
    expect(validate({ diagnostics: [{ severity: 'FATAL' }] })).toBe(false);
  });
});
