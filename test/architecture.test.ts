// The stage drawing in docs/ARCHITECTURE.md is enforced by .dependency-cruiser.cjs. .ci/run runs
// jest directly, so the rule runs here: a back-edge fails the suite like any other defect.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';

const root = process.cwd();
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

type Edge = { rule: string; from: string; to: string };
const sorted = (edges: Edge[]): Edge[] => edges.sort((a, b) => `${a.rule}${a.from}${a.to}`.localeCompare(`${b.rule}${b.from}${b.to}`));

/** The rule violations depcruise reports for `src` under `cwd`, with the repository's rules (`ignore`: the known ones it was told to skip). */
function violations(cwd: string, ...flags: string[]): { errors: Edge[]; ignored: Edge[] } {
  const run = spawnSync(process.execPath, [depcruise, 'src', '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'json', ...flags], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!run.stdout) throw new Error(`depcruise printed nothing: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  const edge = (v: Violation): Edge => ({ rule: v.rule.name, from: v.from, to: v.to });
  const all = report.summary.violations;
  return {
    errors: sorted(all.filter((v) => v.rule.severity !== 'ignore').map(edge)),
    ignored: sorted(all.filter((v) => v.rule.severity === 'ignore').map(edge)),
  };
}

const known = sorted(
  (JSON.parse(readFileSync(join(root, '.dependency-cruiser-known-violations.json'), 'utf8')) as Violation[]).map((v) => ({
    rule: v.rule.name,
    from: v.from,
    to: v.to,
  })),
);

describe('the import graph', () => {
  let repository: ReturnType<typeof violations>;
  beforeAll(() => {
    repository = violations(root, '--ignore-known', '.dependency-cruiser-known-violations.json');
  }, 60_000);

  it('follows the stage drawing: no import runs against it, no cycles, no orphans', () => {
    expect(repository.errors).toEqual([]);
  });

  it('still has every known exception it lists, so a fixed back-edge leaves .dependency-cruiser-known-violations.json', () => {
    expect(repository.ignored).toEqual(known);
  });

  it('reports a ledger that imports an engine, an engine that runs ledger code, and anything that imports the CLI', () => {
    const { errors } = violations(join(root, 'test/fixtures/architecture'));

    expect(errors).toEqual([
      { rule: 'engines-below-panel', from: 'src/engines/checklist/run-check.ts', to: 'src/cli/usage.ts' },
      { rule: 'engines-use-only-ledger-types', from: 'src/engines/claude/ask.ts', to: 'src/ledger/schema.ts' },
      { rule: 'ledger-judges-through-ports', from: 'src/ledger/reconcile.ts', to: 'src/engines/checklist/run-check.ts' },
      { rule: 'nothing-imports-cli', from: 'src/engines/checklist/run-check.ts', to: 'src/cli/usage.ts' },
    ]);
  }, 60_000);
});
