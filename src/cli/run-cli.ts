import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CONFIG_FILE } from '../config/load-config.js';
import { hasReviewableContent } from '../documents/has-reviewable-content.js';
import { parseDocumentGuarded } from '../documents/parse-document-guarded.js';
import type { PlanDocument } from '../documents/schema.js';
import { InputError, RfcPanelError, ValidationError } from '../errors/errors.js';
import { type Finding, SEVERITY_RANK, type Severity } from '../findings/schema.js';
import { OPEN_STATUSES } from '../ledger/schema.js';
import { loadPersonas } from '../personas/load-personas.js';
import { createEngines } from '../panel/create-engines.js';
import { createSummariser } from '../panel/create-summariser.js';
import { runPanel } from '../panel/run-panel.js';
import { renderSummaryMarkdown } from '../publish/render-summary-markdown.js';
import { checkConfigFile } from './check-config-file.js';
import { decodeDocument, readInputFile } from '../documents/read-input-file.js';
import { readPackageVersion } from '../read-package-version.js';
import { renderHelp } from './render-help.js';
import { renderRdjson } from './render-rdjson.js';
import { renderSarif } from './render-sarif.js';
import { compareRevisions } from './compare-revisions.js';
import { renderComparisonJson, renderComparisonText } from './render-comparison.js';
import { renderJson } from './render-json.js';
import { ANSI, PLAIN, renderText } from './render-text.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** Standard input's bytes, for `-` (absent: `-` is a usage error). */
  readStdin?: () => Promise<Uint8Array>;
}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** The name a document read from standard input goes by in findings and reports. */
export const STDIN_PATH = '<stdin>';

const FORMATS = ['text', 'markdown', 'json', 'sarif', 'rdjson'] as const;
/** How many tripping findings `--fail-on` names on stderr before it counts the rest. */
const FAIL_ON_LISTED = 20;

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`--${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

/** A usage mistake as one line that says where the help is (the full help would bury the mistake). */
function usageError(message: string, topic: string): InputError {
  return new InputError(`${message} (see rfc-panel ${topic}--help)`);
}

/** Node's parseArgs errors, reworded to one line without its suggestion (which quoted oddly). */
type FlagSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;
interface Flags {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

function parseFlags(args: string[], options: FlagSpec, topic: string): Flags {
  try {
    return parseArgs({ args, allowPositionals: true, strict: true, options: { ...options, help: { type: 'boolean', short: 'h' } } }) as Flags;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message.split('\n')[0]!;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'([^']+)'/.exec(message)?.[1] ?? message;
      throw usageError(`unknown option '${option}'`, topic);
    }
    throw usageError(message.replace(/\.$/, ''), topic);
  }
}

/** The whole CLI as a function of argv and io, so tests drive it without spawning processes. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof RfcPanelError) {
      io.stderr(`rfc-panel: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`rfc-panel: unexpected error: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.stderr(renderHelp('main'));
    return EXIT.usage;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(renderHelp('main'));
    return EXIT.ok;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    io.stdout(`${readPackageVersion()}\n`);
    return EXIT.ok;
  }
  if (command === 'reviewers') return listReviewers(rest, io);
  if (command === 'review') return review(rest, io);
  if (command === 'config') return config(rest, io);
  throw usageError(`unknown command "${command}"`, '');
}

function listReviewers(args: string[], io: CliIo): number {
  const { values, positionals } = parseFlags(args, { 'reviewers-dir': { type: 'string', multiple: true } }, 'reviewers ');
  if (values.help === true) {
    io.stdout(renderHelp('reviewers'));
    return EXIT.ok;
  }
  if (positionals.length > 0) throw usageError(`reviewers takes no arguments (got "${positionals[0]}")`, 'reviewers ');
  for (const p of loadPersonas((values['reviewers-dir'] as string[] | undefined) ?? [])) {
    const engage = p.engage.always ? 'always' : `when: ${p.engage.triggers.join(', ')}`;
    io.stdout(`${p.id.padEnd(20)} ${p.name}\n${' '.repeat(21)}${p.focus}\n${' '.repeat(21)}${engage}\n`);
  }
  return EXIT.ok;
}

async function config(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, {}, 'config ');
  const [sub, file = `.github/${CONFIG_FILE}`, ...extra] = positionals;
  if (values.help === true) {
    io.stdout(renderHelp('config'));
    return EXIT.ok;
  }
  if (sub === undefined) throw usageError('config needs a command: rfc-panel config check [file]', 'config ');
  if (sub !== 'check') throw usageError(`unknown config command "${sub}"`, 'config ');
  if (extra.length > 0) throw usageError('config check takes one file', 'config ');
  const bytes = file === '-' ? await stdinOf(io) : readConfigBytes(file);
  try {
    const { config: parsed, notes } = checkConfigFile(file === '-' ? STDIN_PATH : file, bytes);
    for (const note of notes) io.stderr(`rfc-panel: note: ${note}\n`);
    io.stdout(`${file === '-' ? STDIN_PATH : file}: valid — engine ${parsed.engine}, gate ${parsed.gate}, ${parsed.paths.length} path pattern(s), review event ${parsed.reviewEvent}\n`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    // One problem a line: a config with three mistakes should show all three, each with its key.
    for (const problem of error.problems) io.stderr(`${error.where}: ${problem}\n`);
    return EXIT.findings;
  }
}

function readConfigBytes(path: string): Uint8Array {
  try {
    if (statSync(path).isDirectory()) throw new InputError(`${path}: is a directory; name the config file (e.g. ${path.replace(/\/$/, '')}/${CONFIG_FILE})`);
    return readFileSync(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? (error as Error).message})`}`);
  }
}

async function stdinOf(io: CliIo): Promise<Uint8Array> {
  if (!io.readStdin) throw new InputError('-: standard input is not available here');
  return io.readStdin();
}

async function readDocument(path: string, io: CliIo): Promise<PlanDocument> {
  // Parsed with the app's limits (deadline, memory, nesting), so a hostile file fails with a reason.
  if (path === '-') return parseDocumentGuarded(STDIN_PATH, decodeDocument(STDIN_PATH, await stdinOf(io)));
  return parseDocumentGuarded(path, readInputFile(path));
}

async function review(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      engine: { type: 'string' },
      reviewers: { type: 'string' },
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      'reviewers-dir': { type: 'string', multiple: true },
      previous: { type: 'string' },
    },
    'review ',
  );
  if (values.help === true) {
    io.stdout(renderHelp('review'));
    return EXIT.ok;
  }
  const personas = loadPersonas((values['reviewers-dir'] as string[] | undefined) ?? []);
  const engine = oneOf('engine', values.engine as string | undefined, ['checklist', 'claude', 'both'] as const, 'checklist');
  const format = oneOf('format', values.format as string | undefined, FORMATS, 'text');
  const failOn = oneOf('fail-on', values['fail-on'] as string | undefined, ['critical', 'important', 'none'] as const, 'none');
  const only = (values.reviewers as string | undefined)?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = (only ?? []).filter((id) => !personas.some((p) => p.id === id));
  if (unknown.length > 0) throw new InputError(`unknown reviewer(s): ${unknown.join(', ')}; run "rfc-panel reviewers" to list them`);
  if (positionals.length === 0) throw usageError('review needs at least one Markdown file (or - for standard input)', 'review ');
  if (positionals.filter((p) => p === '-').length > 1) throw usageError('standard input (-) can be read only once', 'review ');
  const previousPath = values.previous as string | undefined;

  if (previousPath !== undefined) {
    if (positionals.length !== 1) throw new InputError('--previous compares two revisions of one document: rfc-panel review --previous old.md new.md');
    if (format === 'sarif' || format === 'rdjson' || format === 'markdown') throw new InputError(`--previous prints text or json, not ${format}`);
    const previous = await readDocument(previousPath, io);
    const current = await readDocument(positionals[0]!, io);
    const comparison = await compareRevisions(previous, current, { engines: await createEngines(engine, { env: io.env }), personas, only });
    if (format === 'json') io.stdout(`${renderComparisonJson(comparison)}\n`);
    else io.stdout(`${renderComparisonText(comparison, io.stdoutIsTTY && !io.env.NO_COLOR ? ANSI : PLAIN)}\n`);
    const open = comparison.reconciled.ledger.entries.filter((e) => OPEN_STATUSES.has(e.status)).map((e) => e.finding);
    return gate(open, failOn, io);
  }

  // Read every file before any review so a bad input fails fast and alone.
  const documents: PlanDocument[] = [];
  for (const path of positionals) documents.push(await readDocument(path, io));
  const empty = documents.filter((d) => !hasReviewableContent(d)).map((d) => d.path);
  const engines = await createEngines(engine, { env: io.env });
  const progress = positionals.length > 1 && io.stderrIsTTY;
  const result = await runPanel(documents, {
    engines,
    personas,
    only,
    summarise: createSummariser(engine, { env: io.env }),
    onDocument: progress ? (doc, i, total) => io.stderr(`[${i + 1}/${total}] reviewed ${doc.path}\n`) : undefined,
  });

  const style = io.stdoutIsTTY && !io.env.NO_COLOR ? ANSI : PLAIN;
  const nothing = empty.length === documents.length;
  const emptyLines = empty.map((path) => `${path} has no content to review (it is empty or holds only headings, front matter or comments).`);
  if (format === 'json') io.stdout(`${renderJson(result, { noContent: empty })}\n`);
  else if (format === 'sarif') io.stdout(`${renderSarif(result)}\n`);
  else if (format === 'rdjson') io.stdout(`${renderRdjson(result)}\n`);
  // A review of nothing would read "10/10 Ready": say what is missing instead of scoring it.
  else if (nothing) io.stdout(`${emptyLines.join('\n')}\n`);
  else if (format === 'markdown') io.stdout(`${renderSummaryMarkdown(result)}${empty.length > 0 ? `\n\n${emptyLines.map((l) => `> ${l}`).join('\n')}` : ''}\n`);
  else io.stdout(`${renderText(result, style)}${empty.length > 0 ? `\n${emptyLines.map((l) => style.dim(`note: ${l}`)).join('\n')}` : ''}\n`);

  return gate([...result.findings, ...result.held], failOn, io);
}

/** `--fail-on`: exit 1 when an open finding is at or above the level, and say on stderr which ones. */
function gate(open: Finding[], failOn: Severity | 'none', io: CliIo): number {
  if (failOn === 'none') return EXIT.ok;
  const tripped = open.filter((f) => SEVERITY_RANK[f.severity] <= SEVERITY_RANK[failOn]).sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  if (tripped.length === 0) return EXIT.ok;
  io.stderr(`rfc-panel: --fail-on ${failOn}: ${tripped.length} open finding(s) at ${failOn}${failOn === 'critical' ? '' : ' or above'}:\n`);
  for (const f of tripped.slice(0, FAIL_ON_LISTED)) {
    const where = f.anchor.level === 'line' ? `${f.anchor.path}:${f.anchor.startLine}` : f.anchor.path;
    io.stderr(`  ${f.severity.padEnd(9)} ${where}  ${f.title}  (${f.id})\n`);
  }
  if (tripped.length > FAIL_ON_LISTED) io.stderr(`  … and ${tripped.length - FAIL_ON_LISTED} more\n`);
  return EXIT.findings;
}
