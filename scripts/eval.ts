/**
 * npm run eval — scores the panel on plans with known findings, all inside the repository:
 *   eval/dev            the development set (the three initial plans of seed 000, copied from shared/eval)
 *   eval/blind/tune     plans written blind (by someone who had not read the catalogue): tune on these
 *   eval/blind/probe    a third blind set, written after the first tuning round to check it generalised
 *   eval/blind/holdout  the other blind half: scored only with --holdout, once, at the end of a change
 *   eval/blind/fresh    a second held-out set, written blind later (after the holdout had been scored once):
 *                       also scored only with --holdout
 *   eval/blind/fresh2   a third held-out set, written blind by two helpers in the session that added the
 *                       mechanism areas, while those were being written: scored once, at the end of it
 *   eval/blind/fresh3   a fourth held-out set, written blind by two helpers while the decisions area was
 *                       being written: scored once, at the end of that session
 *   eval/blind/fresh4   a fifth held-out set, written blind in the same session (reports gave counts only):
 *                       scored once, at its end
 *   eval/blind/fresh5   a sixth held-out set, written blind at the end of that session and scored once, at
 *                       the end of the next one
 *   eval/blind/fresh6   a seventh held-out set, written blind in that next session and scored once, at its end
 *   eval/blind/fresh7-9 three more, each written blind in one session and scored once there, before any of
 *                       its plans was read (each set's README.md says when, and what was read afterwards)
 *   eval/blind/fresh10-11 two more, written blind in the next session and scored once at its end
 *   eval/blind/fresh12-13 written blind after (fresh12) and during (fresh13) the next change, scored once at its end
 *   eval/blind/fresh14  written blind after that change, scored once at the end of the next one
 *   eval/blind/fresh15  written blind during that next change and reserved for the one after it (RESERVED below)
 * then counts the risky sentences of eval/sentences/*.tsv that get a finding on their line, and
 * checks that sound documents stay quiet: the revised plans of seed 000 (eval/dev/sound) and the
 * real RFCs/KEPs in eval/corpus (template findings expected where sections are TBD).
 *
 *   npm run eval [-- --engine checklist|claude|both] [-- --holdout] [-- --verbose] [-- --set dev|tune|probe|holdout|fresh|fresh2|…|fresh15]
 *
 * A finding counts for an expected item when its title + body + recommendation matches one of the
 * item's regexes and it sits within 2 lines of the item's anchor line (a section- or document-level
 * finding for an item whose anchor is null: an absence).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseDocument } from '../src/documents/parse-document.js';
import { createChecklistEngine } from '../src/engines/checklist/create-checklist-engine.js';
import { loadPersonas } from '../src/personas/load-personas.js';
import { runPanel } from '../src/panel/run-panel.js';
import { packageRoot } from '../src/package-root.js';

interface Item {
  id: string;
  severity: string;
  anchor: string | null;
  match: string[];
}
interface JsonFinding {
  title: string;
  body: string;
  recommendation: string;
  severity: string;
  line: number | null;
  concern: string;
}

const root = packageRoot();
const args = process.argv.slice(2);
const engine = args.includes('--engine') ? args[args.indexOf('--engine') + 1]! : 'checklist';
const verbose = args.includes('--verbose');
const onlySet = args.includes('--set') ? args[args.indexOf('--set') + 1]! : null;
const HELD_OUT = [
  'holdout',
  'fresh',
  'fresh2',
  'fresh3',
  'fresh4',
  'fresh5',
  'fresh6',
  'fresh7',
  'fresh8',
  'fresh9',
  'fresh10',
  'fresh11',
  'fresh12',
  'fresh13',
  'fresh14',
];
/**
 * Blind sets kept for the next change: scored only when named with --set, so --holdout cannot spend
 * them. Empty between sets: the next blind set goes here until it is scored.
 */
const RESERVED: string[] = ['fresh15'];
const withHoldout = args.includes('--holdout') || (onlySet !== null && HELD_OUT.includes(onlySet));

const checklist = createChecklistEngine();
const personas = loadPersonas();

async function review(path: string): Promise<JsonFinding[]> {
  if (engine === 'checklist') {
    const result = await runPanel([parseDocument(path, readFileSync(path, 'utf8'))], { engines: [checklist], personas });
    return result.findings.map((f) => ({
      title: f.title,
      body: f.body,
      recommendation: f.recommendation,
      severity: f.severity,
      line: f.anchor.level === 'line' ? f.anchor.startLine : null,
      concern: f.concern,
    }));
  }
  let out: string;
  try {
    out = execFileSync(process.execPath, [join(root, 'bin', 'rfc-panel.js'), 'review', path, '--format', 'json', '--engine', engine], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    if (!e.stdout) throw new Error(`review of ${path} failed: ${e.stderr}`);
    out = e.stdout;
  }
  return (JSON.parse(out) as { findings: JsonFinding[] }).findings;
}

const text = (f: JsonFinding): string => `${f.title}\n${f.body}\n${f.recommendation}`;

function anchorLine(lines: string[], anchor: string): number | null {
  const exact = lines.findIndex((l) => l.includes(anchor));
  if (exact >= 0) return exact + 1;
  const loose = lines.findIndex((l) => l.toLowerCase().includes(anchor.toLowerCase()));
  return loose >= 0 ? loose + 1 : null;
}

function judge(item: Item, f: JsonFinding, lines: string[]): { topic: boolean; placed: boolean } {
  const topic = item.match.some((m) => new RegExp(m, 'i').test(text(f)));
  if (!topic) return { topic, placed: false };
  if (item.anchor === null) return { topic, placed: f.line === null };
  const want = anchorLine(lines, item.anchor);
  return { topic, placed: want !== null && f.line !== null && Math.abs(f.line - want) <= 2 };
}

interface Score {
  plans: number;
  items: number;
  found: number;
  topic: number;
  critical: number;
  criticalFound: number;
  findings: number;
  onTopic: number;
  soundPlans: number;
  soundCritical: number;
}

async function scoreSet(name: string, dir: string): Promise<Score | null> {
  const file = join(dir, 'expected.yaml');
  if (!existsSync(file)) return null;
  const expected = parseYaml(readFileSync(file, 'utf8')) as Record<string, Item[]>;
  const s: Score = { plans: 0, items: 0, found: 0, topic: 0, critical: 0, criticalFound: 0, findings: 0, onTopic: 0, soundPlans: 0, soundCritical: 0 };
  console.log(`\n== ${name} (${Object.keys(expected).length} plans)\nplan                                   items  found  crit-found  findings  on-topic`);
  for (const [plan, items] of Object.entries(expected)) {
    const path = join(dir, 'plans', plan);
    const lines = readFileSync(path, 'utf8').split(/\r\n|\r|\n/);
    const findings = await review(path);
    let found = 0,
      crit = 0,
      critFound = 0;
    for (const item of items) {
      const hits = findings.map((f) => judge(item, f, lines));
      const placed = hits.some((h) => h.placed);
      if (placed) found++;
      if (hits.some((h) => h.topic)) s.topic++;
      if (item.severity === 'critical') {
        crit++;
        if (placed) critFound++;
      }
      if (verbose)
        console.log(`  ${placed ? '✓' : hits.some((h) => h.topic) ? '~' : '✗'} ${item.severity.padEnd(12)} ${item.id}  (anchor: ${item.anchor ?? 'none'})`);
    }
    const onTopic = findings.filter((f) => items.some((item) => item.match.some((m) => new RegExp(m, 'i').test(text(f))))).length;
    // A sound plan: what a staff reviewer would raise is minor (no Critical, at most two items).
    const sound = items.length <= 2 && !items.some((i) => i.severity === 'critical');
    const critical = findings.filter((f) => f.severity === 'critical').length;
    if (sound) {
      s.soundPlans++;
      s.soundCritical += critical;
    }
    s.plans++;
    s.items += items.length;
    s.found += found;
    s.critical += crit;
    s.criticalFound += critFound;
    s.findings += findings.length;
    s.onTopic += onTopic;
    console.log(
      `${(plan + (sound ? ' (sound)' : '')).padEnd(39)}${String(items.length).padStart(5)}${String(found).padStart(7)}${`${critFound}/${crit}`.padStart(12)}${String(findings.length).padStart(10)}${String(onTopic).padStart(10)}`,
    );
    if (verbose) for (const f of findings) console.log(`      [${f.severity}] ${f.line ?? '-'} ${f.concern}: ${f.title}`);
  }
  const pct = (a: number, b: number): string => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(0)}%`);
  console.log(`recall ${pct(s.found, s.items)} (${s.found}/${s.items} at the right place; ${s.topic}/${s.items} on topic anywhere)`);
  console.log(`critical recall ${pct(s.criticalFound, s.critical)} (${s.criticalFound}/${s.critical})`);
  console.log(`findings ${s.findings} (${(s.findings / Math.max(1, s.plans)).toFixed(1)} per plan), on a real concern ${pct(s.onTopic, s.findings)}`);
  console.log(`sound plans ${s.soundPlans}, critical findings on them ${s.soundCritical}`);
  return s;
}

async function quiet(title: string, files: string[]): Promise<void> {
  if (files.length === 0) return;
  console.log(`\n== ${title}`);
  let total = 0,
    critical = 0;
  for (const file of files) {
    const findings = await review(file);
    const crit = findings.filter((x) => x.severity === 'critical').length;
    total += findings.length;
    critical += crit;
    const templates = findings.filter((f) => f.concern.startsWith('template.')).length;
    console.log(`  ${file.split('/').pop()!.padEnd(62)} ${String(findings.length).padStart(3)} findings, ${crit} critical, ${templates} template`);
    if (verbose) for (const x of findings) console.log(`      [${x.severity}] ${x.line ?? '-'} ${x.concern}: ${x.title}`);
  }
  console.log(`${files.length} documents, ${critical} critical findings, ${(total / files.length).toFixed(1)} findings per document`);
}

/**
 * Paraphrase coverage: risky decisions written one per sentence by someone who had not seen the
 * catalogue (eval/sentences/*.tsv: category, risk, sentence). The sentences of a category are
 * reviewed as one plan's list, and a sentence counts when some finding sits on its line. This says
 * whether the wording is recognised at all, not whether the finding names the right risk; since only
 * INFERRED_PER_PLAN inferred findings are kept per plan, the grouping by category also bounds that route.
 */
async function sentences(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.tsv'))
    .sort()) {
    const rows = readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => l.split('\t'))
      .filter((r): r is [string, string, string] => r.length === 3 && r.every((f) => f.trim() !== ''));
    const byCategory = new Map<string, string[]>();
    for (const [category, , sentence] of rows) byCategory.set(category, [...(byCategory.get(category) ?? []), sentence]);
    let hit = 0;
    for (const [category, list] of byCategory) {
      const plan = `# ${category} changes\n\n## Design\n\n${list.map((x) => `- ${x}`).join('\n')}\n`;
      const result = await runPanel([parseDocument(`${category}.md`, plan)], { engines: [checklist], personas });
      // Held findings count too: the per-severity caps would otherwise hide the last sentences of a long category.
      const lines = new Set([...result.findings, ...result.held].map((f) => (f.anchor.level === 'line' ? f.anchor.startLine : null)));
      hit += list.filter((_, i) => lines.has(5 + i)).length;
    }
    console.log(`\n== risky sentences (eval/sentences/${name}): ${hit}/${rows.length} get a finding on their line`);
  }
}

console.log(`engine: ${engine}`);
const sets: Array<[string, string]> = [
  ['dev', join(root, 'eval', 'dev')],
  ['tune', join(root, 'eval', 'blind', 'tune')],
  ['probe', join(root, 'eval', 'blind', 'probe')],
  ...(withHoldout ? HELD_OUT.map((name): [string, string] => [name, join(root, 'eval', 'blind', name)]).filter(([, dir]) => existsSync(dir)) : []),
  ...(onlySet !== null && RESERVED.includes(onlySet) ? [[onlySet, join(root, 'eval', 'blind', onlySet)] as [string, string]] : []),
];
for (const [name, dir] of sets) if (!onlySet || onlySet === name) await scoreSet(name, dir);
if (!onlySet) {
  const list = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((n) => n.endsWith('.md'))
          .sort()
          .map((n) => join(dir, n))
      : [];
  await quiet('revised plans of seed 000 (sound: want no Critical)', list(join(root, 'eval', 'dev', 'sound')));
  if (engine === 'checklist') await sentences(join(root, 'eval', 'sentences'));
  if (engine === 'checklist')
    await quiet(
      'real RFCs and KEPs (eval/corpus)',
      list(join(root, 'eval', 'corpus')).filter((f) => !f.includes('template') && !f.endsWith('SOURCES.md')),
    );
}
