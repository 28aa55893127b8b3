/**
 * npm run eval — scores the CLI's review against ../shared/eval/expected.yaml (a development set:
 * plans and the findings a good review raised), then checks it stays quiet on sound plans: the
 * revised plans of seed 000 and the real RFCs/KEPs in ../shared/corpus.
 *
 *   npm run eval [-- --engine checklist|claude|both] [-- --verbose]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { packageRoot } from '../src/package-root.js';

interface Item { id: string; severity: string; anchor: string | null; match: string[] }
interface JsonFinding { title: string; body: string; recommendation: string; severity: string; line: number | null; level: string; path: string }

const root = packageRoot();
const shared = join(root, '..', 'shared');
const args = process.argv.slice(2);
const engine = args.includes('--engine') ? args[args.indexOf('--engine') + 1]! : 'checklist';
const verbose = args.includes('--verbose');

function review(path: string): JsonFinding[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [join(root, 'bin', 'rfc-panel.js'), 'review', path, '--format', 'json', '--engine', engine], { encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    if (!e.stdout) throw new Error(`review of ${path} failed: ${e.stderr}`);
    out = e.stdout;
  }
  return (JSON.parse(out) as { findings: JsonFinding[] }).findings;
}

function text(f: JsonFinding): string {
  return `${f.title}\n${f.body}\n${f.recommendation}`;
}

function anchorLine(lines: string[], anchor: string): number | null {
  const exact = lines.findIndex((l) => l.includes(anchor));
  if (exact >= 0) return exact + 1;
  const loose = lines.findIndex((l) => l.toLowerCase().includes(anchor.toLowerCase()));
  return loose >= 0 ? loose + 1 : null;
}

function matches(item: Item, f: JsonFinding, lines: string[]): { topic: boolean; placed: boolean } {
  const topic = item.match.some((m) => new RegExp(m, 'i').test(text(f)));
  if (!topic) return { topic, placed: false };
  if (item.anchor === null) return { topic, placed: f.line === null };
  const want = anchorLine(lines, item.anchor);
  return { topic, placed: want !== null && f.line !== null && Math.abs(f.line - want) <= 2 };
}

if (!existsSync(join(shared, 'eval', 'expected.yaml'))) {
  console.error('npm run eval needs ../shared/eval (the development set beside the project).');
  process.exit(2);
}
const expected = parseYaml(readFileSync(join(shared, 'eval', 'expected.yaml'), 'utf8')) as Record<string, Item[]>;

let items = 0, found = 0, foundTopic = 0, criticalItems = 0, criticalFound = 0, findingsTotal = 0, onTopic = 0;
console.log(`engine: ${engine}\n`);
console.log('plan                      items  found  crit-found  findings  on-topic');
for (const [plan, planItems] of Object.entries(expected)) {
  const path = join(shared, 'eval', 'plans', plan);
  const lines = readFileSync(path, 'utf8').split(/\r\n|\r|\n/);
  const findings = review(path);
  let f = 0, c = 0, cItems = 0;
  for (const item of planItems) {
    const hits = findings.map((x) => matches(item, x, lines));
    const placed = hits.some((h) => h.placed);
    if (placed) f++;
    if (hits.some((h) => h.topic)) foundTopic++;
    if (item.severity === 'critical') {
      cItems++;
      if (placed) c++;
    }
    if (verbose) console.log(`  ${placed ? '✓' : hits.some((h) => h.topic) ? '~' : '✗'} ${item.id}`);
  }
  const topical = findings.filter((x) => planItems.some((item) => item.match.some((m) => new RegExp(m, 'i').test(text(x))))).length;
  items += planItems.length; found += f; criticalItems += cItems; criticalFound += c; findingsTotal += findings.length; onTopic += topical;
  console.log(`${plan.padEnd(26)}${String(planItems.length).padStart(5)}${String(f).padStart(7)}${`${c}/${cItems}`.padStart(12)}${String(findings.length).padStart(10)}${String(topical).padStart(10)}`);
  if (verbose) for (const x of findings) console.log(`      [${x.severity}] ${x.line ?? '-'} ${x.title}`);
}
const pct = (a: number, b: number): string => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(0)}%`);
console.log(`\nrecall ${pct(found, items)} (${found}/${items}; ${foundTopic}/${items} on topic ignoring placement)`);
console.log(`critical recall ${pct(criticalFound, criticalItems)} (${criticalFound}/${criticalItems})`);
console.log(`findings ${findingsTotal} (${(findingsTotal / Object.keys(expected).length).toFixed(1)} per plan), on-topic share ${pct(onTopic, findingsTotal)}`);

// Sound plans: the revised plans in seed 000 should draw no Critical, the real corpus few findings.
const seed = join(shared, 'seeds', '000_e4d29ec212b6335e.txt');
const tmp = mkdtempSync(join(tmpdir(), 'rfc-panel-eval-'));
const sound: string[] = [];
if (existsSync(seed)) {
  const revised = readFileSync(seed, 'utf8').split(/### Improved Plan[^\n]*\n+```markdown\n/).slice(1);
  revised.forEach((chunk, i) => {
    const body = chunk.split(/\n```\n+### What Changed/)[0]!;
    const file = join(tmp, `revised-${i + 1}.md`);
    writeFileSync(file, body);
    sound.push(file);
  });
}
const corpusDir = join(shared, 'corpus');
const corpus = existsSync(corpusDir) ? readdirSync(corpusDir).filter((n) => n.endsWith('.md') && n.includes('--') && !n.includes('template')).map((n) => join(corpusDir, n)) : [];
let soundCritical = 0, soundFindings = 0;
console.log('\nsound plans (want no Critical, few findings)');
for (const file of [...sound, ...(engine === 'checklist' ? corpus : [])]) {
  const findings = review(file);
  const crit = findings.filter((x) => x.severity === 'critical').length;
  soundCritical += crit; soundFindings += findings.length;
  console.log(`  ${file.split('/').pop()!.padEnd(58)} ${String(findings.length).padStart(3)} findings, ${crit} critical`);
  if (verbose) for (const x of findings) console.log(`      [${x.severity}] ${x.line ?? '-'} ${x.title}`);
}
const n = sound.length + (engine === 'checklist' ? corpus.length : 0);
console.log(`sound plans: ${n}, critical findings ${soundCritical}, findings per plan ${(soundFindings / Math.max(1, n)).toFixed(1)}`);
