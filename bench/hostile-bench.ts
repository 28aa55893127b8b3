// Webhook acks while hostile documents are under review (issue #13). For each pathological plan —
// 64 KB of setext headings (53 s on the main thread before), nested emphasis, 10,000 SQL statements,
// a blockquote staircase — runs ack-bench.ts with that plan in every pull request: two waves of
// signed deliveries, the second while the first wave's reviews parse and check the plan on worker
// threads. Target: webhook ack p99 < 100 ms for each. Parsing gets a 2 s deadline here (15 s in
// production) so the waves' reviews drain quickly; the loop's freedom does not depend on it.
// Usage: node dist/bench/hostile-bench.js     Env: ACK_BENCH_DELIVERIES (8 per wave: parsing runs on
// every core but one, so 16 hostile reviews take ~16 × 2 s on a 2-core machine).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PLANS: Array<[string, () => string]> = [
  ['setext-headings-64kb', () => `# Plan\n\n${'a\n=\n'.repeat(16_100)}`],
  ['nested-emphasis', () => `# Plan\n\n${'**_'.repeat(5_000)}x${'_**'.repeat(5_000)}\n`],
  [
    'sql-10000-statements',
    () =>
      `# Schema\n\n\`\`\`sql\n${Array.from({ length: 10_000 }, (_, i) => `CREATE TABLE t${i} (id int, name varchar(20), team_id int REFERENCES teams(id));`).join('\n')}\n\`\`\`\n`,
  ],
  ['blockquote-staircase', () => Array.from({ length: 1_000 }, (_, k) => `${'>'.repeat(k + 1)} step`).join('\n')],
];

const dir = mkdtempSync(join(tmpdir(), 'rfc-panel-hostile-bench-'));
let missed = 0;
for (const [name, make] of PLANS) {
  const path = join(dir, `${name}.md`);
  writeFileSync(path, make());
  const run = spawnSync(process.execPath, [new URL('./ack-bench.js', import.meta.url).pathname, path], {
    encoding: 'utf8',
    env: { ...process.env, RFC_PANEL_PARSE_DEADLINE_MS: '2000', ACK_BENCH_DELIVERIES: process.env.ACK_BENCH_DELIVERIES ?? '8' },
    timeout: 300_000,
  });
  const lines = `${run.stdout}`.trim().split('\n');
  console.log(`── ${name}`);
  for (const line of lines.filter((l) => /^(all|Reviews:|Event loop|Webhook ack)/.test(l))) console.log(`   ${line}`);
  if (run.status !== 0) {
    missed++;
    if (run.stderr) console.log(run.stderr.trim().split('\n').slice(-5).join('\n'));
  }
}
console.log(missed === 0 ? '\nEvery hostile plan: webhook acks met the target.' : `\n${missed} hostile plan(s) MISSED the target.`);
process.exitCode = missed === 0 ? 0 : 1;
