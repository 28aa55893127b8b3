import { OPEN_STATUSES } from '../ledger/schema.js';
import { parseArgs } from 'node:util';
import { parseDocumentGuarded } from '../documents/parse-document-guarded.js';
import { InputError, RfcPanelError } from '../errors/errors.js';
import { SEVERITY_RANK, type Severity } from '../findings/schema.js';
import { loadPersonas } from '../personas/load-personas.js';
import { createEngines } from '../panel/create-engines.js';
import { createSummariser } from '../panel/create-summariser.js';
import { runPanel } from '../panel/run-panel.js';
import { renderSummaryMarkdown } from '../publish/render-summary-markdown.js';
import { readInputFile } from './read-input-file.js';
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
}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

const USAGE = `Usage:
  rfc-panel review <file.md…> [--engine checklist|claude|both] [--reviewers a,b]
                   [--format text|markdown|json] [--fail-on critical|important|none]
                   [--reviewers-dir <folder>] [--previous <old.md>]
  rfc-panel reviewers [--reviewers-dir <folder>]

Exit codes: 0 reviewed, 1 findings at or above --fail-on, 2 usage or input error.`;

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`--${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

/** The whole CLI as a function of argv and io, so tests drive it without spawning processes. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`rfc-panel: ${error.message}\n`);
      return EXIT.usage;
    }
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
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout)(`${USAGE}\n`);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        engine: { type: 'string' },
        reviewers: { type: 'string' },
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        'reviewers-dir': { type: 'string', multiple: true },
        previous: { type: 'string' },
      },
    });
  } catch (error) {
    throw new InputError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const personas = loadPersonas(values['reviewers-dir'] ?? []);

  if (command === 'reviewers') {
    for (const p of personas) {
      const engage = p.engage.always ? 'always' : `when: ${p.engage.triggers.join(', ')}`;
      io.stdout(`${p.id.padEnd(20)} ${p.name}\n${' '.repeat(21)}${p.focus}\n${' '.repeat(21)}${engage}\n`);
    }
    return EXIT.ok;
  }
  if (command !== 'review') throw new InputError(`unknown command "${command}"\n${USAGE}`);

  const engine = oneOf('engine', values.engine, ['checklist', 'claude', 'both'] as const, 'checklist');
  const format = oneOf('format', values.format, ['text', 'markdown', 'json'] as const, 'text');
  const failOn = oneOf('fail-on', values['fail-on'], ['critical', 'important', 'none'] as const, 'none');
  const only = values.reviewers?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = (only ?? []).filter((id) => !personas.some((p) => p.id === id));
  if (unknown.length > 0) throw new InputError(`unknown reviewer(s): ${unknown.join(', ')}; run "rfc-panel reviewers" to list them`);
  if (positionals.length === 0) throw new InputError(`review needs at least one Markdown file\n${USAGE}`);

  if (values.previous !== undefined) {
    if (positionals.length !== 1) throw new InputError('--previous compares two revisions of one document: rfc-panel review --previous old.md new.md');
    const previous = await parseDocumentGuarded(values.previous, readInputFile(values.previous));
    const current = await parseDocumentGuarded(positionals[0]!, readInputFile(positionals[0]!));
    const comparison = await compareRevisions(previous, current, { engines: await createEngines(engine, { env: io.env }), personas, only });
    if (format === 'json') io.stdout(`${renderComparisonJson(comparison)}\n`);
    else io.stdout(`${renderComparisonText(comparison, io.stdoutIsTTY && !io.env.NO_COLOR ? ANSI : PLAIN)}\n`);
    const open = comparison.reconciled.ledger.entries.filter((e) => OPEN_STATUSES.has(e.status)).map((e) => e.finding);
    return failOn !== 'none' && open.some((f) => SEVERITY_RANK[f.severity] <= SEVERITY_RANK[failOn as Severity]) ? EXIT.findings : EXIT.ok;
  }

  // Read every file before any review so a bad input fails fast and alone.
  const documents = [];
  for (const path of positionals) documents.push(await parseDocumentGuarded(path, readInputFile(path)));
  const engines = await createEngines(engine, { env: io.env });
  const progress = positionals.length > 1 && io.stderrIsTTY;
  const result = await runPanel(documents, {
    engines,
    personas,
    only,
    summarise: createSummariser(engine, { env: io.env }),
    onDocument: progress ? (doc, i, total) => io.stderr(`[${i + 1}/${total}] reviewed ${doc.path}\n`) : undefined,
  });

  if (format === 'json') io.stdout(`${renderJson(result)}\n`);
  else if (format === 'markdown') io.stdout(`${renderSummaryMarkdown(result)}\n`);
  else io.stdout(`${renderText(result, io.stdoutIsTTY && !io.env.NO_COLOR ? ANSI : PLAIN)}\n`);

  if (failOn === 'none') return EXIT.ok;
  const threshold = SEVERITY_RANK[failOn as Severity];
  const gated = [...result.findings, ...result.held].some((f) => SEVERITY_RANK[f.severity] <= threshold);
  return gated ? EXIT.findings : EXIT.ok;
}
