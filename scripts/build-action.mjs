// npm run build:action → dist-action/: the GitHub Action as one ESM file plus the PostgreSQL
// parser's WebAssembly, which cannot be inlined (Emscripten loads it from disk next to the code).
//
// libpg-query's Emscripten loader is CommonJS: it calls require('node:fs') and reads
// `${__dirname}/libpg-query.wasm`. In an ESM bundle neither exists, so the banner defines
// `require`, `__filename` and `__dirname` from import.meta.url — __dirname is then dist-action/,
// where the .wasm is copied. Built-in reviewers (reviewers/) are not bundled: the code finds them
// at the package root (the folder with package.json) of the action's checkout, as it does in dist/.
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist-action');
const require = createRequire(import.meta.url);
// ESM bundles of CommonJS dependencies still call require/__dirname: give every bundle them.
const BANNER = [
  "import { createRequire as __rfcCreateRequire } from 'node:module';",
  "import { fileURLToPath as __rfcFileURLToPath } from 'node:url';",
  "import { dirname as __rfcDirname } from 'node:path';",
  'const require = __rfcCreateRequire(import.meta.url);',
  'const __filename = __rfcFileURLToPath(import.meta.url);',
  'const __dirname = __rfcDirname(__filename);',
].join('\n');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/action/index.ts'],
  outfile: join(out, 'index.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  mainFields: ['module', 'main'],
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
  banner: { js: BANNER },
});

// Documents are parsed, and the offline checklist runs, on worker threads loaded from files next to the code.
for (const [entry, file] of [
  ['src/documents/parse-worker.ts', 'parse-worker.js'],
  ['src/engines/checklist-worker.ts', 'checklist-worker.js'],
]) {
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: join(out, file),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    banner: { js: BANNER },
  });
}

const wasm = join(dirname(require.resolve('libpg-query/wasm/libpg-query.wasm', { paths: [root] })), 'libpg-query.wasm');
copyFileSync(wasm, join(out, 'libpg-query.wasm'));

const size = (f) => `${(statSync(join(out, f)).size / 1024 / 1024).toFixed(2)} MB`;
console.log(
  `dist-action/index.js ${size('index.js')}, dist-action/libpg-query.wasm ${size('libpg-query.wasm')} (${Object.keys(result.metafile.inputs).length} modules bundled)`,
);
