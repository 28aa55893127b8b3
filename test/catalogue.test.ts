import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRules } from '../src/engines/checklist/load-rules.js';
import { SQL_CHECKS } from '../src/engines/checklist/sql/rules/index.js';
import { loadPersonas } from '../src/personas/load-personas.js';
import { renderCatalogue } from '../src/personas/render-catalogue.js';
import { packageRoot } from '../src/package-root.js';

describe('the reviewer catalogue', () => {
  it('matches reviewers/ (run `npm run docs:reviewers` after changing a persona or a rule)', () => {
    const onDisk = readFileSync(join(packageRoot(), 'docs', 'REVIEWERS.md'), 'utf8');

    expect(onDisk).toBe(renderCatalogue(loadPersonas(), loadRules()));
  });

  it('has an implementation for every SQL rule file and a file for every implementation', () => {
    const files = [...loadRules().values()].filter((r) => r.kind === 'sql').map((r) => r.id).sort();

    expect(Object.keys(SQL_CHECKS).sort()).toEqual(files);
  });
});
