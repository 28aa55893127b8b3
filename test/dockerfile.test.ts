// The Dockerfile, checked without a Docker engine: the VS Code Docker linter (dockerfile-utils) finds
// nothing, the image is multi-stage, runs as a non-root user, has a curl-free HEALTHCHECK on /healthz
// (whose command is run here against a local server), and starts the app as `npm start` does.
import { execFile } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { validate } from 'dockerfile-utils';

const root = process.cwd();
const text = readFileSync(join(root, 'Dockerfile'), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions in order, continuation lines joined, comments and parser directives dropped. */
function instructions(source: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = '';
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    pending += (pending ? ' ' : '') + line.replace(/\\$/, '').trim();
    if (line.endsWith('\\')) continue;
    const [keyword, ...rest] = pending.split(/\s+/);
    out.push({ keyword: keyword!.toUpperCase(), args: rest.join(' ') });
    pending = '';
  }
  return out;
}

/** Stages: the instructions after each FROM. */
function stages(all: Instruction[]): Array<{ from: string; body: Instruction[] }> {
  const out: Array<{ from: string; body: Instruction[] }> = [];
  for (const i of all) {
    if (i.keyword === 'FROM') out.push({ from: i.args, body: [] });
    else out.at(-1)?.body.push(i);
  }
  return out;
}

const all = instructions(text);
const built = stages(all);
const final = built.at(-1)!;
const finalOf = (keyword: string): Instruction[] => final.body.filter((i) => i.keyword === keyword);
const execForm = (args: string): string[] => JSON.parse(args.replace(/^CMD\s+/, '')) as string[];

describe('the Dockerfile', () => {
  it('has no lint problems (dockerfile-utils), and the linter does find them in a bad file', () => {
    expect(validate(text)).toEqual([]);
    expect(validate('from node:20\nCMD ["a"]\nCMD b\nWORKDIR app\n').length).toBeGreaterThan(0);
  });

  it('is multi-stage: dev dependencies and the compiler stay in the build stage', () => {
    expect(built.length).toBeGreaterThanOrEqual(2);
    expect(built[0]!.from).toMatch(/\bAS build$/i);
    expect(built[0]!.body.some((i) => i.keyword === 'RUN' && /\btsc\b/.test(i.args))).toBe(true);
    expect(finalOf('RUN').some((i) => /npm ci\b.*--omit=dev/.test(i.args))).toBe(true);
    expect(finalOf('COPY').map((i) => i.args)).toEqual(
      expect.arrayContaining(['--from=build /app/dist/src ./dist/src', 'reviewers ./reviewers', 'app.yml ./']),
    );
  });

  it('runs as a non-root user from before its command', () => {
    const users = finalOf('USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)!.args).not.toMatch(/^(root|0)(:|$)/);
    const index = (k: string): number => final.body.findIndex((i) => i.keyword === k);
    expect(index('USER')).toBeLessThan(index('CMD'));
  });

  it('listens on all interfaces (Probot defaults to localhost, unreachable from outside the container)', () => {
    expect(
      finalOf('ENV')
        .map((i) => i.args)
        .join(' '),
    ).toMatch(/\bHOST=0\.0\.0\.0\b/);
  });

  it('starts the app as `npm start` does, with node directly (signals reach it through tini)', () => {
    const start = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/);
    const probot = JSON.parse(readFileSync(join(root, 'node_modules', 'probot', 'package.json'), 'utf8')) as { bin: { probot: string } };
    const cmd = execForm(finalOf('CMD').at(-1)!.args);
    expect(start[0]).toBe('probot');
    expect(cmd).toEqual(['node', join('node_modules/probot', probot.bin.probot), ...start.slice(1)]);
    expect(existsSync(join(root, cmd[1]!))).toBe(true);
    expect(execForm(finalOf('ENTRYPOINT').at(-1)!.args)).toEqual(['/usr/bin/tini', '--']);
  });

  it('has a HEALTHCHECK on /healthz that needs only node, and it tells healthy from unhealthy', async () => {
    const checks = finalOf('HEALTHCHECK');
    expect(checks).toHaveLength(1);
    const cmd = execForm(checks[0]!.args.replace(/^(--\S+\s+)*/, ''));
    expect(cmd.slice(0, 2)).toEqual(['node', '-e']);
    expect(cmd[2]).toContain('/healthz');

    let status = 200;
    const paths: string[] = [];
    const server = createServer((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(status).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = String((server.address() as AddressInfo).port);
    const run = async (): Promise<number> => {
      try {
        await promisify(execFile)(process.execPath, ['-e', cmd[2]!], { env: { PORT: port }, timeout: 10_000 });
        return 0;
      } catch (error) {
        return (error as { code?: number }).code ?? -1;
      }
    };
    try {
      const healthy = await run();
      status = 503;
      const unhealthy = await run();
      expect([healthy, unhealthy, paths]).toEqual([0, 1, ['/healthz', '/healthz']]);
    } finally {
      server.close();
    }
  });
});

describe('what the image runs', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; engines: { node: string } };

  it('is Node 24 LTS on Debian slim', () => {
    expect(/ARG NODE_IMAGE=(\S+)/.exec(text)?.[1]).toBe('node:24-bookworm-slim');
    expect(built.map((b) => b.from.split(/\s+/)[0])).toEqual(['${NODE_IMAGE}', '${NODE_IMAGE}']);
  });

  it("starts a file the build produces and the runtime stage copies (the CMD's entry exists after `tsc`)", () => {
    const entry = execForm(finalOf('CMD').at(-1)!.args).at(-1)!;
    const copied = finalOf('COPY')
      .find((i) => i.args.startsWith('--from=build'))!
      .args.split(/\s+/)
      .at(-1)!;

    expect(entry).toBe('./dist/src/index.js');
    expect(entry.startsWith(copied.replace(/\/?$/, '/'))).toBe(true);
    expect(existsSync(join(root, entry))).toBe(true);
  });

  it('needs nothing at run time that the runtime stage leaves out: no dev dependency, nothing outside dist/src', () => {
    // The runtime stage has production dependencies and dist/src only (no bench/, scripts/, dev packages).
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith('.js')) files.push(join(dir, e.name));
      }
    };
    walk(join(root, 'dist', 'src'));
    const problems: string[] = [];
    for (const file of files) {
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(
        /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
      )) {
        if (spec === undefined) continue;
        if (spec.startsWith('.')) {
          const target = join(file, '..', spec);
          if (!target.startsWith(join(root, 'dist', 'src'))) problems.push(`${file}: ${spec} is outside dist/src`);
          continue;
        }
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (spec.startsWith('node:') || builtinModules.includes(name)) continue;
        if (!(name in manifest.dependencies)) problems.push(`${file}: ${name} is not a production dependency`);
      }
    }
    expect(files.length).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });
});

describe('the .dockerignore', () => {
  const ignored = readFileSync(join(root, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('keeps secrets, dependencies and build output out of the build context', () => {
    expect(ignored).toEqual(expect.arrayContaining(['.git', 'node_modules', 'dist', 'dist-action', '.env', '*.pem']));
  });

  it('keeps everything the Dockerfile copies', () => {
    const sources = all.filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from')).flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources.sort()).toEqual(['app.yml', 'package-lock.json', 'package-lock.json', 'package.json', 'package.json', 'reviewers', 'src', 'tsconfig.json']);
    for (const source of sources) {
      expect(ignored).not.toContain(source);
      expect(existsSync(join(root, source))).toBe(true);
    }
  });
});
