import type { PlanDocument } from '../documents/schema.js';
import { InputError } from '../errors/errors.js';
import { OPEN_STATUSES } from '../ledger/schema.js';
import { createEngines } from '../panel/create-engines.js';
import { createSummariser } from '../panel/create-summariser.js';
import { runPanel } from '../panel/run-panel.js';
import { loadPersonas } from '../personas/load-personas.js';
import { applyFailOn } from './apply-fail-on.js';
import { type CliIo, EXIT } from './cli-io.js';
import { compareRevisions } from './compare-revisions.js';
import { parseFlags } from './parse-flags.js';
import { FORMATS, printPanelResult } from './print-panel-result.js';
import { readCliDocument } from './read-cli-document.js';
import { renderComparisonJson, renderComparisonText } from './render-comparison.js';
import { renderHelp } from './render-help.js';
import { ANSI, PLAIN } from './render-text.js';
import { usageError } from './usage-error.js';

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`--${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

/** `rfc-panel review`: one or more documents through the panel, or two revisions of one with `--previous`. */
export async function runReviewCommand(args: string[], io: CliIo): Promise<number> {
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
  const only = (values.reviewers as string | undefined)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = (only ?? []).filter((id) => !personas.some((p) => p.id === id));
  if (unknown.length > 0) throw new InputError(`unknown reviewer(s): ${unknown.join(', ')}; run "rfc-panel reviewers" to list them`);
  if (positionals.length === 0) throw usageError('review needs at least one Markdown file (or - for standard input)', 'review ');
  if (positionals.filter((p) => p === '-').length > 1) throw usageError('standard input (-) can be read only once', 'review ');
  const previousPath = values.previous as string | undefined;

  if (previousPath !== undefined) {
    if (positionals.length !== 1) throw new InputError('--previous compares two revisions of one document: rfc-panel review --previous old.md new.md');
    if (format === 'sarif' || format === 'rdjson' || format === 'markdown') throw new InputError(`--previous prints text or json, not ${format}`);
    const previous = await readCliDocument(previousPath, io);
    const current = await readCliDocument(positionals[0]!, io);
    const comparison = await compareRevisions(previous, current, { engines: await createEngines(engine, { env: io.env }), personas, only });
    if (format === 'json') io.stdout(`${renderComparisonJson(comparison)}\n`);
    else io.stdout(`${renderComparisonText(comparison, io.stdoutIsTTY && !io.env.NO_COLOR ? ANSI : PLAIN)}\n`);
    const open = comparison.reconciled.ledger.entries.filter((e) => OPEN_STATUSES.has(e.status)).map((e) => e.finding);
    return applyFailOn(open, failOn, io);
  }

  // Read every file before any review so a bad input fails fast and alone.
  const documents: PlanDocument[] = [];
  for (const path of positionals) documents.push(await readCliDocument(path, io));
  const empty = documents.filter((d) => !d.reviewable).map((d) => d.path);
  const engines = await createEngines(engine, { env: io.env });
  const progress = positionals.length > 1 && io.stderrIsTTY;
  const result = await runPanel(documents, {
    engines,
    personas,
    only,
    summarise: createSummariser(engine, { env: io.env }),
    onDocument: progress ? (doc, i, total) => io.stderr(`[${i + 1}/${total}] reviewed ${doc.path}\n`) : undefined,
  });
  printPanelResult(result, empty, documents.length, format, io);
  return applyFailOn([...result.findings, ...result.held], failOn, io);
}
