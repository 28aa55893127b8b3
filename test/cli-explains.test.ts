// The CLI explains itself: help per command, a version, standard input, one-line usage errors,
// why --fail-on failed, what an empty document is, and a local config check.
import { describe, expect, it, beforeAll } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../src/cli/cli-io.js';
import { runCli } from '../src/cli/run-cli.js';
import { packageRoot } from '../src/package-root.js';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], stdin?: string): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    ...(stdin === undefined ? {} : { readStdin: async () => Buffer.from(stdin) }),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

const root = packageRoot();
const EXAMPLE = readFileSync(join(root, 'examples', 'webhook-delivery.md'), 'utf8');
let dir: string;
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rfc-panel-cli-explains-'));
});

describe('rfc-panel help and version', () => {
  it.each([['review'], ['reviewers'], ['config']])('prints the options, examples and exit codes of `%s --help` and exits 0', async (command) => {
    const { code, stdout, stderr } = await cli([command, '--help']);

    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(new RegExp(`^Usage: rfc-panel ${command}`));
    expect(stdout).toContain('Options:');
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('Exit codes:');
    expect(stdout.split('\n').filter((line) => (line.match(/"/g) ?? []).length % 2 === 1)).toEqual([]);
  });

  it('lists the environment variables review reads in `review --help`', async () => {
    const { stdout } = await cli(['review', '-h']);

    expect(
      ['ANTHROPIC_API_KEY', 'RFC_PANEL_MODEL', 'ANTHROPIC_BASE_URL', 'NO_COLOR', '--format text|markdown|json|sarif|rdjson'].filter((s) => !stdout.includes(s)),
    ).toEqual([]);
  });

  it('prints the package version for --version', async () => {
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints the overview on stdout for --help and on stderr with exit 2 for no command', async () => {
    const asked = await cli(['--help']);
    const bare = await cli([]);

    expect([asked.code, asked.stdout.startsWith('rfc-panel — '), bare.code, bare.stdout, bare.stderr === asked.stdout]).toEqual([0, true, 2, '', true]);
  });
});

describe('rfc-panel review reads standard input', () => {
  it('reviews the document piped to `-` as <stdin>', async () => {
    const { code, stdout } = await cli(['review', '-', '--format', 'json'], EXAMPLE);
    const json = JSON.parse(stdout) as { findings: Array<{ path: string }> };

    expect(code).toBe(0);
    expect(json.findings.length).toBeGreaterThan(0);
    expect([...new Set(json.findings.map((f) => f.path))]).toEqual(['<stdin>']);
  });

  it('finds the same findings in standard input as in the file', async () => {
    const fromFile = JSON.parse((await cli(['review', join(root, 'examples', 'webhook-delivery.md'), '--format', 'json'])).stdout) as {
      findings: Array<{ title: string; line: number | null }>;
    };
    const fromStdin = JSON.parse((await cli(['review', '-', '--format', 'json'], EXAMPLE)).stdout) as {
      findings: Array<{ title: string; line: number | null }>;
    };

    const titles = (r: typeof fromFile): string[] => r.findings.map((f) => `${f.line}: ${f.title}`).sort();
    expect(titles(fromStdin)).toEqual(titles(fromFile));
  });
});

describe('rfc-panel review --fail-on', () => {
  it('names on stderr each finding that tripped it, most severe first', async () => {
    const { code, stdout, stderr } = await cli(['review', '-', '--fail-on', 'critical', '--format', 'json'], EXAMPLE);
    const critical = (JSON.parse(stdout) as { findings: Array<{ severity: string; id: string; line: number }> }).findings.filter(
      (f) => f.severity === 'critical',
    );
    const lines = stderr.trimEnd().split('\n');

    expect(code).toBe(1);
    expect(lines[0]).toBe(`rfc-panel: --fail-on critical: ${critical.length} open finding(s) at critical:`);
    expect(lines.slice(1).map((l) => /\(([0-9a-f]{12})\)$/.exec(l)?.[1])).toEqual(critical.map((f) => f.id));
    expect(lines[1]).toMatch(/^ {2}critical +<stdin>:\d+ {2}.+ {2}\([0-9a-f]{12}\)$/);
  });

  it('prints nothing on stderr when nothing reaches the level', async () => {
    const { code, stderr } = await cli(
      ['review', '-', '--fail-on', 'important'],
      '# Rename a button\n\nChange the label of the Save button to "Save changes".\n',
    );

    expect([code, stderr]).toEqual([0, '']);
  });
});

describe('rfc-panel review of a document with no content', () => {
  it.each([
    ['an empty file', ''],
    ['whitespace', '  \n\n\t\n'],
    ['headings only', '# Session cache\n\n## Goals\n\n## Rollout\n'],
    ['front matter only', '---\ntitle: Session cache\nstatus: draft\n---\n'],
    ['a hidden comment under a heading', '# Plan\n\n<!-- TODO: write the plan -->\n'],
  ])('says %s has no content to review instead of scoring it Ready', async (_name, text) => {
    const path = file('empty.md', text);

    const { code, stdout, stderr } = await cli(['review', path]);

    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toBe(`${path} has no content to review (it is empty or holds only headings, front matter or comments).\n`);
  });

  it('lists the empty documents in JSON under noContent and reviews the rest', async () => {
    const empty = file('outline.md', '# Outline\n\n## Design\n');
    const plan = file('plan.md', EXAMPLE);

    const json = JSON.parse((await cli(['review', empty, plan, '--format', 'json'])).stdout) as { noContent: string[]; findings: unknown[] };

    expect(json.noContent).toEqual([empty]);
    expect(json.findings.length).toBeGreaterThan(0);
  });

  it('still reviews a document with one sentence under a heading', async () => {
    const path = file('short.md', '# Plan\n\nWe will add a cache.\n');

    const { stdout } = await cli(['review', path]);

    expect(stdout).toMatch(/^Readiness \d+\/10/);
  });
});

describe('rfc-panel config check', () => {
  it('accepts a valid file and says which settings it picked', async () => {
    const path = file('ok.yml', 'gate: important\nengine: checklist\npaths: [docs/rfcs/**/*.md]\n');

    expect(await cli(['config', 'check', path])).toEqual({
      code: 0,
      stdout: `${path}: valid — engine checklist, gate important, 1 path pattern(s), review event comment\n`,
      stderr: '',
    });
  });

  it('names every problem with its key, one a line, and exits 1', async () => {
    const path = file('bad.yml', 'gate: always\ncaps:\n  critical: -1\nreviwers: {}\n');

    const { code, stdout, stderr } = await cli(['config', 'check', path]);

    expect([code, stdout]).toEqual([1, '']);
    expect(stderr.trimEnd().split('\n')).toEqual([
      `${path}: caps.critical: Too small: expected number to be >=0`,
      `${path}: gate: Invalid option: expected one of "critical"|"important"|"none"`,
      `${path}: (top level): Unrecognized key: "reviwers"`,
    ]);
  });

  it('names the line of a YAML syntax error', async () => {
    const path = file('dup.yml', 'gate: critical\ngate: none\n');

    const { code, stderr } = await cli(['config', 'check', path]);

    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line 2: .*[Mm]ap keys must be unique`));
  });

  it('reads standard input for `-` and notes an _extends it cannot follow', async () => {
    const { code, stdout, stderr } = await cli(['config', 'check', '-'], '_extends: .github\ngate: none\n');

    expect(code).toBe(0);
    expect(stdout).toMatch(/^<stdin>: valid — engine auto, gate none/);
    expect(stderr).toBe('rfc-panel: note: _extends: .github is not read by a local check; the app merges it first and validates the result\n');
  });

  it('exits 2 with one line when the command is missing', async () => {
    expect(await cli(['config'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'rfc-panel: config needs a command: rfc-panel config check [file] (see rfc-panel config --help)\n',
    });
  });

  it('exits 2 with one line for a missing file', async () => {
    const { code, stderr } = await cli(['config', 'check', join(dir, 'nope.yml')]);

    expect([code, stderr]).toEqual([2, `rfc-panel: ${join(dir, 'nope.yml')}: no such file\n`]);
  });
});
