import { describe, expect, it, beforeAll } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../src/cli/cli-io.js';
import { runCli } from '../src/cli/run-cli.js';
import { MAX_INPUT_BYTES } from '../src/documents/read-input-file.js';
import { packageRoot } from '../src/package-root.js';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], options: { stderrIsTTY?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stdoutIsTTY: false,
    stderrIsTTY: options.stderrIsTTY ?? false,
    env: options.env ?? {},
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

const PREFERENCES = readFileSync(join(packageRoot(), 'test', 'fixtures', 'plans', 'user-preferences.md'), 'utf8');

let dir: string;
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rfc-panel-cli-'));
});

describe('rfc-panel review', () => {
  it('prints findings grouped by severity with path:line and persona', async () => {
    const plan = file('prefs.md', PREFERENCES);

    const { code, stdout, stderr } = await cli(['review', plan]);

    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.indexOf('CRITICAL')).toBeLessThan(stdout.indexOf('IMPORTANT'));
    expect(stdout).toContain(`${plan}:10  Foreign key \`user_preferences.user_id\``);
    expect(stdout).toMatch(/\[Database Architect/);
  });

  it('anchors SQL findings on the lines they concern in JSON', async () => {
    const plan = file('prefs-json.md', PREFERENCES);

    const { code, stdout } = await cli(['review', plan, '--format', 'json']);
    const json = JSON.parse(stdout) as { findings: Array<Record<string, unknown>>; summary: Record<string, unknown> };

    expect(code).toBe(0);
    const byRule = Object.fromEntries(json.findings.map((f) => [f.ruleId, [f.line, f.endLine]]));
    expect(byRule['sql.fk-on-delete']).toEqual([10, 10]);
    expect(byRule['sql.varchar-enumeration']).toEqual([11, 11]);
    expect(byRule['sql.no-timestamps']).toEqual([null, null]);
    expect(Object.keys(json.findings[0]!).slice(0, 11)).toEqual([
      'id',
      'persona',
      'severity',
      'title',
      'body',
      'recommendation',
      'path',
      'line',
      'endLine',
      'quote',
      'section',
    ]);
    expect(Object.keys(json.summary).slice(0, 5)).toEqual(['critical', 'important', 'niceToHave', 'readiness', 'verdict']);
  });

  it('gives the same finding ids on every run', async () => {
    const plan = file('prefs-stable.md', PREFERENCES);

    const first = JSON.parse((await cli(['review', plan, '--format', 'json'])).stdout) as { findings: Array<{ id: string }> };
    const second = JSON.parse((await cli(['review', plan, '--format', 'json'])).stdout) as { findings: Array<{ id: string }> };

    expect(second.findings.map((f) => f.id)).toEqual(first.findings.map((f) => f.id));
  });

  it('renders the pull-request summary as markdown', async () => {
    const plan = file('prefs-md.md', PREFERENCES);

    const { stdout } = await cli(['review', plan, '--format', 'markdown']);

    expect(stdout).toMatch(/^## rfc-panel review — readiness \d+\/10 · /);
    expect(stdout).toContain('### 🔴 Critical');
  });

  it('exits 1 when findings reach --fail-on', async () => {
    const plan = file('prefs-fail.md', PREFERENCES);

    expect((await cli(['review', plan, '--fail-on', 'critical'])).code).toBe(1);
    expect((await cli(['review', plan, '--fail-on', 'none'])).code).toBe(0);
  });

  it('exits 0 under --fail-on when a plan has nothing at that level', async () => {
    const plan = file('tiny.md', '# Rename a button\n\nChange the label of the Save button to "Save changes".\n');

    const { code } = await cli(['review', plan, '--fail-on', 'critical']);

    expect(code).toBe(0);
  });

  it('limits the panel to --reviewers', async () => {
    const plan = file('prefs-only.md', PREFERENCES);

    const json = JSON.parse((await cli(['review', plan, '--format', 'json', '--reviewers', 'security'])).stdout) as { panel: string[] };

    expect(json.panel).toEqual(['security']);
  });

  it('reports progress on stderr for several files when stderr is a terminal', async () => {
    const a = file('a.md', PREFERENCES);
    const b = file('b.md', '# B\n\nText.\n');

    const { stderr } = await cli(['review', a, b], { stderrIsTTY: true });

    expect(stderr).toBe(`[1/2] reviewed ${a}\n[2/2] reviewed ${b}\n`);
  });

  it('compares two revisions with --previous', async () => {
    const before = file('v1.md', PREFERENCES);
    const after = file('v2.md', PREFERENCES.replace('REFERENCES users(id)', 'REFERENCES users(id) ON DELETE CASCADE'));

    const { code, stdout } = await cli(['review', '--previous', before, after, '--format', 'json']);
    const json = JSON.parse(stdout) as { addressed: Array<{ title: string; evidence: string; line: number }>; new: unknown[] };

    expect(code).toBe(0);
    expect(json.addressed.map((f) => [f.line, f.evidence])).toEqual([[10, 'now reads “user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,”']]);
    expect(json.new).toEqual([]);
  });
});

describe('rfc-panel input and usage errors', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    ['a missing file', () => ['review', join(dir, 'nope.md')], /nope\.md: no such file$/],
    ['a directory', () => ['review', dir], /is a directory; name the Markdown files to review/],
    ['a binary file', () => ['review', file('bin.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))], /looks like a binary file, not Markdown$/],
    ['a file over 5 MB', () => ['review', file('big.md', Buffer.alloc(MAX_INPUT_BYTES + 1, 'a'))], /is 5\.0 MB; the limit is 5 MB/],
    ['Latin-1 text', () => ['review', file('latin1.md', Buffer.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]))], /is not valid UTF-8; save it as UTF-8$/],
    [
      'UTF-16 text',
      () => ['review', file('utf16.md', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# Plan\n', 'utf16le')]))],
      /is UTF-16; save it as UTF-8$/,
    ],
    ['no file at all', () => ['review'], /review needs at least one Markdown file/],
    ['an unknown engine', () => ['review', file('e.md', '# x'), '--engine', 'gpt'], /--engine must be one of checklist, claude, both \(got "gpt"\)/],
    ['an unknown format', () => ['review', file('f.md', '# x'), '--format', 'xml'], /--format must be one of text, markdown, json, sarif, rdjson/],
    ['an unknown flag', () => ['review', file('g.md', '# x'), '--colour'], /^rfc-panel: unknown option '--colour' \(see rfc-panel review --help\)$/],
    ['an unknown reviewer', () => ['review', file('h.md', '# x'), '--reviewers', 'lawyer'], /unknown reviewer\(s\): lawyer; run "rfc-panel reviewers"/],
    ['an unknown command', () => ['lint', 'x.md'], /unknown command "lint"/],
    [
      'the claude engine without a key',
      () => ['review', file('k.md', '# x'), '--engine', 'claude'],
      /needs ANTHROPIC_API_KEY; set it, or use --engine checklist/,
    ],
  ];

  it.each(cases)('exits 2 with one clear line for %s', async (_name, args, message) => {
    const { code, stdout, stderr } = await cli(args());

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(message);
  });

  it('reviews nothing when one of several files is bad', async () => {
    const good = file('good.md', PREFERENCES);

    const { code, stdout } = await cli(['review', good, join(dir, 'missing.md')]);

    expect([code, stdout]).toEqual([2, '']);
  });

  it('names the file, field and problem of a bad persona in --reviewers-dir', async () => {
    const personas = join(dir, 'personas');
    mkdirSync(personas, { recursive: true });
    writeFileSync(
      join(personas, 'lawyer.md'),
      '---\nid: lawyer\nname: Lawyer\nengage:\n  triggers: legal\n---\nReviews licences and contracts for the plan, and what the plan promises customers.\n',
    );

    const { code, stderr } = await cli(['reviewers', '--reviewers-dir', personas]);

    expect(code).toBe(2);
    expect(stderr).toMatch(/lawyer\.md: focus: .*; engage\.triggers: /);
  });
});

describe('rfc-panel reviewers', () => {
  it('lists every persona with its focus and when it engages', async () => {
    const { code, stdout } = await cli(['reviewers']);

    expect(code).toBe(0);
    expect(stdout).toMatch(/^staff-engineer +Staff Engineer\n +.+\n +always$/m);
    expect(stdout).toMatch(/^payments +.+\n +.+\n +when: .*payment/m);
  });
});
