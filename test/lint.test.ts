// Biome (biome.json) over the whole repository: lint rules and formatting (`biome check`, as
// `npm run lint`). .ci/run runs jest directly, so the check runs here: a lint error or an unformatted
// file fails the suite like any other defect (`npm run format` fixes the latter).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const root = process.cwd();
const biome = join(root, 'node_modules/@biomejs/biome/bin/biome');

function lint(cwd: string, ...args: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [biome, 'check', '--colors=off', ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('the linter and formatter', () => {
  it('finds nothing to report in the repository, formatting included', () => {
    const { status, output } = lint(root, '--max-diagnostics=50');

    expect(status === 0 ? 'clean' : output).toBe('clean');
  }, 60_000);

  it('fails on a file with an error, with the repository configuration, so the check above can fail', () => {
    const project = mkdtempSync(join(tmpdir(), 'rfc-panel-lint-'));
    try {
      copyFileSync(join(root, 'biome.json'), join(project, 'biome.json'));
      mkdirSync(join(project, 'src'));
      writeFileSync(join(project, 'src/example.ts'), 'export function double(a: number): number {\n  debugger;\n  return a * 2;\n}\n');

      const { status, output } = lint(project);

      expect({ status, rule: /lint\/suspicious\/noDebugger/.test(output) }).toEqual({ status: 1, rule: true });
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 60_000);
  it('fails on a file that is not formatted the repository way, so formatting is enforced too', () => {
    const project = mkdtempSync(join(tmpdir(), 'rfc-panel-format-'));
    try {
      copyFileSync(join(root, 'biome.json'), join(project, 'biome.json'));
      mkdirSync(join(project, 'src'));
      writeFileSync(join(project, 'src/example.ts'), 'export const greeting = "hello"\n');

      const { status, output } = lint(project);

      expect({ status, format: /format/.test(output) }).toEqual({ status: 1, format: true });
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 60_000);
});
