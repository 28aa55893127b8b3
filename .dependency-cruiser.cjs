// The stage drawing in docs/ARCHITECTURE.md, as import rules. Run by `npm run lint:deps` and by
// test/architecture.test.ts (so by `npm test` and .ci/run). Each folder may import only what sits
// below it in the drawing; a rule names what a folder *may* import, so a new back-edge fails
// without anyone having to foresee it. Type-only imports count: they couple folders just the same.

/** Imported by everything, import nothing of the app's: errors, the logger, the worker runner, package facts. */
const FOUNDATION = '^src/(errors|logging|workers)/|^src/(package-root|read-package-version)\\.ts$';
const folders = (...names) => `^src/(${names.join('|')})/`;
const anyOf = (...patterns) => patterns.join('|');

/**
 * The ledger's ports: the interfaces the ledger declares and the engines implement (the Claude
 * assistant, the checklist verifier), with the entries they read. Engines and the panel may
 * import their *types*; nothing below the ledger may run ledger code.
 */
const LEDGER_PORTS = '^src/ledger/(assistant|verifier|schema|classify-reply)\\.ts$';

/** The pull-request gateway's port: what the jobs, documents, ledger and publishing ask of GitHub. */
const GATEWAY_PORT = '^src/github/pull-gateway\\.ts$';

/** `from` may import nothing under src/ except `allowed` (its own folder is always allowed). */
const only = (name, from, allowed, comment) => ({
  name,
  severity: 'error',
  comment,
  from: { path: `^src/${from}/` },
  to: { path: '^src/', pathNot: anyOf(`^src/${from}/`, FOUNDATION, ...allowed) },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle has no stage order: one side has to be moved down or receive the other as a parameter.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A module nothing imports is dead code, or an entry point that belongs in the list below.',
      from: {
        orphan: true,
        pathNot: [
          '(^|/)\\.[^/]+\\.(c|m)?js$', // dot files (this config)
          '\\.d\\.ts$',
          '^src/index\\.ts$', // the Probot app (package.json start)
          '^src/cli/main\\.ts$', // bin/rfc-panel.js
          '^src/action/index\\.ts$', // the GitHub Action bundle (scripts/build-action.mjs)
          '^src/(documents/parse-worker|engines/checklist-worker)\\.ts$', // loaded by URL on a worker thread
        ],
      },
      to: {},
    },
    {
      name: 'nothing-imports-cli',
      severity: 'error',
      comment: 'src/cli is an entry point (bin/rfc-panel.js): what it shares with the app lives in a stage folder.',
      from: { pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'nothing-imports-entry-points',
      severity: 'error',
      comment: 'app/ is wired from src/index.ts and action/ is its own bundle: stages never reach up into them.',
      from: { pathNot: anyOf('^src/index\\.ts$', '^src/app/', '^src/action/') },
      to: { path: folders('app', 'action') },
    },
    {
      name: 'foundation-is-a-leaf',
      severity: 'error',
      comment: 'errors, logging, workers and the package facts are imported by every stage, so they import none.',
      from: { path: FOUNDATION },
      to: { path: '^src/', pathNot: FOUNDATION },
    },
    {
      ...only('github-is-the-boundary', 'github', [], 'The GitHub boundary sorts errors and reads threads; it knows no stage.'),
      // The gateway port names, by type only, what its calls carry (the config, personas, a review request).
      from: { path: '^src/github/', pathNot: GATEWAY_PORT },
    },
    {
      name: 'gateway-port-is-types',
      severity: 'error',
      comment: 'The PullGateway port may name what its calls carry, by type only; running stage code from the boundary is a back-edge.',
      from: { path: GATEWAY_PORT },
      to: { path: '^src/', pathNot: anyOf('^src/github/', FOUNDATION), dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'gateway-port-names-only-data',
      severity: 'error',
      comment: 'The PullGateway port names the shapes its calls carry and nothing else.',
      from: { path: GATEWAY_PORT },
      to: { path: '^src/', pathNot: anyOf('^src/github/', FOUNDATION, '^src/(config|personas)/schema\\.ts$', '^src/publish/review-request\\.ts$') },
    },
    only(
      'gateway-adapts-octokit',
      'gateway',
      [folders('github', 'config', 'documents', 'findings', 'personas', 'publish')],
      'The Octokit gateway composes the boundary and the publishing calls; the jobs receive it, nothing below imports it.',
    ),
    // An engine's option schema (templates: in .github/rfc-panel.yml) is part of the config's shape.
    only('config-below-the-pipeline', 'config', [folders('github'), '^src/engines/.+/schema\\.ts$'], 'The config is read before any stage runs.'),
    only('documents-is-a-leaf', 'documents', [folders('github', 'config')], 'Documents are the input of every stage and know none of them.'),
    only('findings-is-a-leaf', 'findings', [folders('documents')], 'The Finding model and its anchors: documents below, every stage above.'),
    only('personas-below-engines', 'personas', [folders('github', 'config', 'documents', 'findings')], 'Personas are loaded before the panel runs them.'),
    only(
      'engines-below-panel',
      'engines',
      [folders('config', 'documents', 'findings', 'personas'), LEDGER_PORTS],
      'Engines review a document; the panel, the ledger, publishing and the jobs sit above them.',
    ),
    {
      name: 'engines-use-only-ledger-types',
      severity: 'error',
      comment: 'An engine implements a ledger port (Assistant, Verifier) by its types; running ledger code from an engine is a back-edge.',
      from: { path: folders('engines', 'panel') },
      to: { path: '^src/ledger/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'checklist-does-not-use-claude',
      severity: 'error',
      comment: 'The offline engine runs without a network or a key; the Claude engine may read the checklist catalogue, not the reverse.',
      from: { path: '^src/engines/checklist' },
      to: { path: '^src/engines/claude/' },
    },
    only(
      'panel-below-ledger',
      'panel',
      [folders('config', 'documents', 'findings', 'personas', 'engines'), LEDGER_PORTS],
      'The panel reviews one revision; the ledger and publishing use its result.',
    ),
    // engines/types.ts is the engine contract (Usage, the sections a persona read): no engine code.
    only(
      'ledger-judges-through-ports',
      'ledger',
      [folders('github', 'config', 'documents', 'findings', 'personas'), '^src/engines/types\\.ts$'],
      'The ledger judges findings through its ports (Verifier, Assistant); the jobs hand the engines in.',
    ),
    only(
      'publish-below-jobs',
      'publish',
      [folders('github', 'config', 'documents', 'findings', 'personas', 'engines', 'panel', 'ledger')],
      'Publishing writes what a job decided; it never starts a job.',
    ),
    only('queue-knows-only-jobs-as-data', 'queue', [], 'The queue orders plain-data jobs; the runner is handed in by app/ and action/.'),
    {
      name: 'events-and-jobs-are-separate',
      severity: 'error',
      comment: 'A webhook handler turns a payload into a plain-data Job and enqueues it; jobs never see webhook payloads.',
      from: { path: folders('events') },
      to: { path: folders('jobs') },
    },
    {
      name: 'jobs-do-not-import-events',
      severity: 'error',
      comment: 'A webhook handler turns a payload into a plain-data Job and enqueues it; jobs never see webhook payloads.',
      from: { path: folders('jobs') },
      to: { path: folders('events') },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    // Type-only imports couple folders as much as value imports do.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
