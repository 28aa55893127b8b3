// npm run bench: a 9-persona claude-engine review of a real design document against a local fake
// Messages API (bench/fake-messages-api.ts), once per cache-warming strategy. Prints, per strategy:
//   wall ÷ slowest call   panel wall time over the slowest single persona call (target ≤ 1.2)
//   billed ÷ uncached     billed input token-equivalents (input + 1.25 × cache writes + 0.1 × cache
//                         reads) over the same review's input tokens without caching (target ≤ 0.35)
//   requests              Messages API requests made
// Then the re-review case (bench/measure-rereview.ts): the same panel reviews a 3,337-line KEP
// (bench/fixtures), then a one-section edit of it incrementally. Prints billed input tokens of the
// revision ÷ the first full review (target ≤ 0.25; measured in one run, and again with the cache
// expired) and new comments the revision would post on unchanged lines (target 0).
// Usage: node dist/bench/run-bench.js [document.md]
// Latency model (scaled ~1/20 of Sonnet-class timings so the bench takes seconds) via env:
//   BENCH_TTFT_MS (30), BENCH_MS_PER_INPUT_TOKEN (0.005), BENCH_MS_PER_OUTPUT_TOKEN (0.8),
//   BENCH_MIN_OUTPUT_TOKENS (500), BENCH_MAX_OUTPUT_TOKENS (1500).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument } from '../src/documents/parse-document.js';
import { loadCatalogue } from '../src/engines/checklist/catalogue/load-catalogue.js';
import { createClaudeEngine } from '../src/engines/claude/create-claude-engine.js';
import type { WarmCache } from '../src/engines/claude/schema.js';
import { packageRoot } from '../src/package-root.js';
import { builtInReviewersDir, loadPersonas, parsePersona } from '../src/personas/load-personas.js';
import type { Persona } from '../src/personas/schema.js';
import { type FakeCall, startFakeMessagesApi } from './fake-messages-api.js';
import { measureRereview } from './measure-rereview.js';

const PANEL_SIZE = 9;
const TARGET_WALL = 1.2;
const TARGET_BILLED = 0.35;
const TARGET_REREVIEW = 0.25;

const num = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && process.env[name] !== undefined && process.env[name] !== '' ? value : fallback;
};
const latency = {
  ttftMs: num('BENCH_TTFT_MS', 30),
  msPerInputToken: num('BENCH_MS_PER_INPUT_TOKEN', 0.005),
  msPerOutputToken: num('BENCH_MS_PER_OUTPUT_TOKEN', 0.8),
  minOutput: num('BENCH_MIN_OUTPUT_TOKENS', 500),
  maxOutput: num('BENCH_MAX_OUTPUT_TOKENS', 1500),
};

interface Measure {
  strategy: WarmCache;
  wallMs: number;
  slowestMs: number;
  billed: number;
  uncached: number;
  requests: number;
  ok: number;
  findings: number;
  unanchored: number;
  /** From the start of review() to the first request reaching the fake API (prompt building, Markdown re-parse). */
  setupMs: number;
  calls: FakeCall[];
}

async function main(): Promise<void> {
  const path = resolve(process.argv[2] ?? join(packageRoot(), 'eval', 'corpus', 'kubernetes--kep-2232-suspend-jobs.md'));
  const doc = parseDocument(path.split('/').slice(-1)[0]!, readFileSync(path, 'utf8'));
  const personas = panel();
  // The app loads the catalogue at start-up (warmUp); the bench does too, so it measures reviews.
  loadCatalogue();
  console.log(`Document: ${path} (${doc.lines.length} lines, ${doc.text.length} chars)`);
  console.log(`Panel: ${personas.map((p) => p.id).join(', ')}`);
  console.log(
    `Fake API latency: TTFT ${latency.ttftMs} ms + ${latency.msPerInputToken} ms per uncached input token; ${latency.msPerOutputToken} ms per output token; replies of ${latency.minOutput}–${latency.maxOutput} output tokens per persona.\n`,
  );

  const results: Measure[] = [];
  for (const strategy of ['primer', 'first-persona', 'off'] as const) results.push(await measure(strategy, doc, personas));

  const rows = [
    ['warm-up', 'wall ms', 'setup ms', 'slowest call ms', 'wall ÷ slowest', 'billed ÷ uncached', 'requests', 'personas ok', 'findings', 'unanchored'],
    ...results.map((r) => [
      r.strategy,
      String(r.wallMs),
      String(r.setupMs),
      String(r.slowestMs),
      (r.wallMs / r.slowestMs).toFixed(2),
      (r.billed / r.uncached).toFixed(3),
      String(r.requests),
      `${r.ok}/${personas.length}`,
      String(r.findings),
      String(r.unanchored),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));

  const chosen = results[0]!;
  const wall = chosen.wallMs / chosen.slowestMs;
  const billed = chosen.billed / chosen.uncached;
  console.log(
    `\nDefault (warmCache "primer"): wall ÷ slowest ${wall.toFixed(2)} (target ≤ ${TARGET_WALL}), billed ÷ uncached ${billed.toFixed(3)} (target ≤ ${TARGET_BILLED}), ${chosen.requests} requests.`,
  );
  const off = results.find((r) => r.strategy === 'off')!;
  for (const r of results) {
    const writes = r.calls.filter((c) => c.usage.cache_creation_input_tokens > 0).length;
    const reads = r.calls.filter((c) => c.usage.cache_read_input_tokens > 0).length;
    const warmUp = r.calls.find((c) => c.maxTokens <= 1);
    const extra =
      r === off
        ? ''
        : `; waiting for the cache costs ${r.wallMs - off.wallMs} ms of wall time vs "off" and saves ${(((off.billed - r.billed) / off.billed) * 100).toFixed(0)}% of billed input`;
    console.log(
      `  ${r.strategy}: ${writes} request(s) wrote the cache, ${reads} read it${warmUp ? `; the warm-up call took ${warmUp.durationMs} ms` : ''}${extra}.`,
    );
  }
  if (wall > TARGET_WALL || billed > TARGET_BILLED || chosen.ok !== personas.length) {
    console.log('Default strategy misses a target.');
    process.exitCode = 1;
  }

  const re = await measureRereview(personas, latency);
  const warmRatio = re.warm.billed / re.first.billed;
  console.log(`\nRe-review: one-section edit of ${re.path.split('/').pop()} (${re.lines} lines; changed line(s) ${re.changed}), same panel.`);
  console.log(`  first full review: ${re.first.requests} requests, ${re.first.billed} billed input tokens`);
  console.log(
    `  revision, same run: ${re.warm.requests} requests (${re.warm.personas.join(', ') || 'no persona'}), ${re.warm.billed} billed input tokens → revision ÷ first ${warmRatio.toFixed(3)} (target ≤ ${TARGET_REREVIEW})`,
  );
  console.log(
    `  revision, cache expired: ${re.cold.requests} requests, ${re.cold.billed} billed input tokens → ${(re.cold.billed / re.first.billed).toFixed(3)}`,
  );
  console.log(
    `  new comments on unchanged lines: ${re.newOnUnchangedLines} (target 0); new findings on the changed lines: ${re.newOnChangedLines}; findings on unchanged text dropped: ${re.dropped}`,
  );
  if (warmRatio > TARGET_REREVIEW || re.newOnUnchangedLines > 0) {
    console.log('The re-review case misses a target.');
    process.exitCode = 1;
  }
}

async function measure(strategy: WarmCache, doc: ReturnType<typeof parseDocument>, personas: Persona[]): Promise<Measure> {
  const fake = await startFakeMessagesApi({
    ttftMs: latency.ttftMs,
    msPerInputToken: latency.msPerInputToken,
    msPerOutputToken: latency.msPerOutputToken,
    minCacheableTokens: 1024,
    outputTokensFor: (id) => {
      const seed = parseInt(createHash('sha256').update(id).digest('hex').slice(0, 8), 16);
      return latency.minOutput + (seed % Math.max(1, latency.maxOutput - latency.minOutput + 1));
    },
  });
  try {
    const engine = createClaudeEngine({ apiKey: 'bench-key', baseURL: fake.url, env: {}, warmCache: strategy, maxRetries: 0, concurrency: PANEL_SIZE + 1 });
    const started = Date.now();
    const result = await engine.review({ document: doc, personas });
    const wallMs = Date.now() - started;
    const personaCalls = fake.calls.filter((c) => c.maxTokens > 1);
    const inputOf = (c: FakeCall): number => c.usage.input_tokens + c.usage.cache_creation_input_tokens + c.usage.cache_read_input_tokens;
    return {
      strategy,
      wallMs,
      slowestMs: Math.max(...personaCalls.map((c) => c.durationMs)),
      billed: fake.calls.reduce((sum, c) => sum + c.usage.input_tokens + 1.25 * c.usage.cache_creation_input_tokens + 0.1 * c.usage.cache_read_input_tokens, 0),
      // Without caching there is no warm-up call and every persona call pays its whole input once.
      uncached: personaCalls.reduce((sum, c) => sum + inputOf(c), 0),
      requests: fake.calls.length,
      ok: result.runs.filter((r) => r.status === 'ok').length,
      findings: result.findings.length,
      unanchored: result.unanchored,
      setupMs: Math.min(...fake.calls.map((c) => c.startedAt)) - started,
      calls: [...fake.calls],
    };
  } finally {
    await fake.close();
  }
}

/** The built-in reviewers when they exist (up to 9), filled up to 9 with synthesised personas. */
function panel(): Persona[] {
  let real: Persona[] = [];
  const dir = builtInReviewersDir();
  if (existsSync(dir)) {
    try {
      real = loadPersonas();
    } catch {
      // One bad file (reviewers are being written) should not hide the good ones: load them one by one.
      for (const name of readdirSync(dir)
        .filter((n) => n.endsWith('.md') && n.toLowerCase() !== 'readme.md')
        .sort()) {
        try {
          real.push(parsePersona(join(dir, name), readFileSync(join(dir, name), 'utf8')));
        } catch (error) {
          console.log(`(skipping reviewers/${name}: ${(error as Error).message})`);
        }
      }
    }
  }
  const synthetic = SYNTHETIC.filter((s) => !real.some((p) => p.id === s.id));
  return [...real, ...synthetic].slice(0, PANEL_SIZE);
}

const synth = (id: string, name: string, focus: string, cares: string[]): Persona => ({
  id,
  name,
  focus,
  engage: { always: true, triggers: [], minMatches: 1 },
  checks: [],
  source: `bench:${id}`,
  prompt: [
    `You are ${name}, reviewing a design document before it is built. ${focus}.`,
    '',
    'What you look for:',
    ...cares.map((c) => `- ${c}`),
    '',
    'How you write: name the exact passage, say what goes wrong in production and for whom, and what the document must add or change. Skip anything another reviewer would obviously own, and do not restate the document.',
  ].join('\n'),
});

const SYNTHETIC: Persona[] = [
  synth('sre', 'the SRE', 'Operability: what happens when a dependency fails, and how on-call finds out', [
    'failure modes of every new dependency and the fallback',
    'alerts, dashboards and SLOs that cover the change',
    'rollout, feature gates and rollback in minutes',
    'capacity and load the change adds',
  ]),
  synth('security', 'the security reviewer', 'Authentication, authorisation, secrets and abuse', [
    'who can call the new API and what stops them',
    'privilege escalation through new fields or controllers',
    'audit logging of sensitive operations',
    'denial of service through unbounded work',
  ]),
  synth('api-design', 'the API reviewer', 'API shape, compatibility and versioning', [
    'defaults and the meaning of absent fields',
    'backwards compatibility for old clients and skew',
    'naming consistency with existing APIs',
    'validation of new fields',
  ]),
  synth('data', 'the data reviewer', 'Consistency, migrations and data loss', [
    'state that can be lost or duplicated on restart',
    'migrations that cannot be rolled back',
    'races between controllers updating one object',
    'idempotency of retries',
  ]),
  synth('testing', 'the test reviewer', 'Test plans that would catch the failures described', [
    'unit, integration and e2e coverage of each new path',
    'upgrade and downgrade tests',
    'flaky timing-dependent tests',
    'graduation criteria that are measurable',
  ]),
  synth('performance', 'the performance reviewer', 'Latency, throughput and resource use at scale', [
    'work proportional to cluster size',
    'watch and list amplification',
    'hot loops in controllers',
    'memory growth with object count',
  ]),
  synth('product', 'the product reviewer', 'User value, scope and clarity of the proposal', [
    'the user problem and who has it',
    'non-goals that are really goals',
    'success metrics',
    'user-facing documentation',
  ]),
  synth('devils-advocate', "the devil's advocate", 'Whether this should be built at all, and simpler alternatives', [
    'alternatives dismissed too quickly',
    'hidden costs of ownership',
    'assumptions stated as facts',
    'what happens if the proposal is wrong',
  ]),
  synth('ops-cost', 'the cost reviewer', 'Money and toil the change adds', [
    'new always-on components',
    'support load and on-call toil',
    'licensing or vendor lock-in',
    'cost at ten times the current scale',
  ]),
];

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
