// Writes schema/rfc-panel.schema.json from the zod config schema; test/config-schema.test.ts fails
// when the committed file and the schema drift apart.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildConfigJsonSchema } from '../src/config/build-config-json-schema.js';
import { packageRoot } from '../src/package-root.js';

const path = join(packageRoot(), 'schema', 'rfc-panel.schema.json');
writeFileSync(path, `${JSON.stringify(buildConfigJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${path}\n`);
