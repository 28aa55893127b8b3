// The lockfile, checked without the network: `npm ci` refuses a lockfile whose root entry disagrees
// with package.json, or that lacks an optional platform package some locked package names (the
// failure a fresh clone hit: msgpackr-extract's and jest's resolver bindings for other platforms).
// `npm ci --dry-run` does not notice either problem, so this test reads the files itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import semver from 'semver';

const root = process.cwd();

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  engines?: Record<string, string>;
}

interface LockEntry extends Manifest {
  version?: string;
  optional?: boolean;
  dev?: boolean;
  link?: boolean;
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest & { overrides?: unknown };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { lockfileVersion: number; packages: Record<string, LockEntry> };

/** Where Node (and npm) would find `name` from the package at `from`: nearest node_modules upward. */
function resolveEntry(from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

/** The Node versions this project promises to install and run on. */
const supportedNodes = ['20.19.0', '20.20.2', '22.12.0', '24.0.0', '24.11.1'];

describe('the lockfile', () => {
  it('is lockfile version 3 and its root entry lists exactly the dependencies package.json lists', () => {
    const rootEntry = lock.packages['']!;
    expect(lock.lockfileVersion).toBe(3);
    expect({
      dependencies: rootEntry.dependencies ?? {},
      devDependencies: rootEntry.devDependencies ?? {},
      optionalDependencies: rootEntry.optionalDependencies ?? {},
      engines: rootEntry.engines ?? {},
    }).toEqual({
      dependencies: manifest.dependencies ?? {},
      devDependencies: manifest.devDependencies ?? {},
      optionalDependencies: manifest.optionalDependencies ?? {},
      engines: manifest.engines ?? {},
    });
  });

  it('locks a version within range for every direct dependency', () => {
    const outOfRange = Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })
      .filter(([name, range]) => {
        const version = lock.packages[`node_modules/${name}`]?.version;
        return version === undefined || !semver.satisfies(version, range);
      })
      .map(([name]) => name);
    expect(outOfRange).toEqual([]);
  });

  it('has an entry for every dependency and optional platform package any locked package names', () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path === '' || entry.link) continue;
      for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
        if (!resolveEntry(path, name)) missing.push(`${name} (from ${path})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('admits every supported Node version in package.json engines', () => {
    const range = manifest.engines?.node ?? '';
    expect(supportedNodes.filter((v) => !semver.satisfies(v, range))).toEqual([]);
    expect(['18.20.0', '20.18.0', '21.7.0'].filter((v) => semver.satisfies(v, range))).toEqual([]);
  });

  it('locks no package whose engines exclude a supported Node version (npm would warn EBADENGINE)', () => {
    const excluding = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.engines?.node !== undefined)
      .filter(([, entry]) => supportedNodes.some((v) => !semver.satisfies(v, entry.engines!.node!, { includePrerelease: true })))
      .map(([path, entry]) => `${path}@${entry.version} needs node ${entry.engines!.node}`);
    expect(excluding).toEqual([]);
  });
});

describe('the Node runtime', () => {
  it('runs the GitHub Action on Node 24', () => {
    const action = readFileSync(join(root, 'action.yml'), 'utf8');

    expect(/^\s+using:\s*(\S+)\s*$/m.exec(action)?.[1]).toBe('node24');
  });
});
