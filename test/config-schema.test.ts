// schema/rfc-panel.schema.json is generated from the zod schema the app validates with; this keeps
// the committed file in step, and checks that editors using it agree with the app on examples.
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { buildConfigJsonSchema } from '../src/config/build-config-json-schema.js';
import { ConfigSchema, DEFAULT_CAPS } from '../src/config/schema.js';
import { packageRoot } from '../src/package-root.js';

const require = createRequire(import.meta.url);
const root = packageRoot();
const committed = JSON.parse(readFileSync(join(root, 'schema', 'rfc-panel.schema.json'), 'utf8')) as Record<string, unknown>;

function validator(): (data: unknown) => boolean {
  const Ajv2020 = require('ajv/dist/2020').default as typeof import('ajv/dist/2020.js').default;
  return new Ajv2020({ allErrors: true, strict: false }).compile(committed);
}

/** The yaml block under "### `.github/rfc-panel.yml`" in the README: the documented example. */
function readmeExample(): unknown {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /### `\.github\/rfc-panel\.yml`[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
  return parse(block ?? 'missing: true');
}

describe('the config JSON Schema', () => {
  it('defaults the per-severity caps to what the panel uses without a config', () => {
    expect(ConfigSchema.parse({}).caps).toEqual(DEFAULT_CAPS);
  });

  it('is what the zod schema generates (run `npm run schema:config` after changing src/config/schema.ts)', () => {
    expect(committed).toEqual(buildConfigJsonSchema());
  });

  it("accepts the README's example, as the app does", () => {
    const example = readmeExample();

    expect([validator()(example), ConfigSchema.safeParse(example).success]).toEqual([true, true]);
  });

  it('rejects what the app rejects among the bad-input configs that parse as YAML mappings', () => {
    const dir = join(root, 'test', 'fixtures', 'bad-inputs', 'configs');
    const validate = validator();
    const disagreements = readdirSync(dir)
      .map((name) => {
        let data: unknown;
        try {
          data = parse(readFileSync(join(dir, name), 'utf8'), { maxAliasCount: 100 });
        } catch {
          return null;
        }
        if (typeof data !== 'object' || data === null || Array.isArray(data) || '_extends' in data) return null;
        return { name, schema: validate(data), app: ConfigSchema.safeParse(data).success };
      })
      .filter((r) => r !== null && r.schema !== r.app);
    expect(disagreements).toEqual([]);
  });
});
