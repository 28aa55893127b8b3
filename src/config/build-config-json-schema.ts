import { z } from 'zod';
import { ConfigSchema } from './schema.js';

/**
 * A JSON Schema for `.github/rfc-panel.yml`, generated from the zod schema the app validates with,
 * so editors (YAML language server: `# yaml-language-server: $schema=…`) flag the same mistakes the
 * check run would. Input form: every key is optional because every key has a default.
 */
export function buildConfigJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ConfigSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown> & { properties: Record<string, unknown> };
  return {
    $schema: schema.$schema,
    title: 'rfc-panel configuration (.github/rfc-panel.yml)',
    description:
      'Read from the default branch; falls back to the organisation .github repository. Unknown keys are errors. Generated from src/config/schema.ts by `npm run schema:config`.',
    ...schema,
    // Probot's config plugin resolves `_extends` before validation; the app then ignores the key.
    properties: {
      _extends: { type: 'string', description: 'Inherit settings from another repository: `repo` or `owner/repo:path.yml`.' },
      ...schema.properties,
    },
  };
}
