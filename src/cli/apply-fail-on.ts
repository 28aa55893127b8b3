import { type Finding, SEVERITY_RANK, type Severity } from '../findings/schema.js';
import { type CliIo, EXIT } from './cli-io.js';

/** How many tripping findings `--fail-on` names on stderr before it counts the rest. */
const FAIL_ON_LISTED = 20;

/** `--fail-on`: exit 1 when an open finding is at or above the level, and say on stderr which ones. */
export function applyFailOn(open: Finding[], failOn: Severity | 'none', io: CliIo): number {
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
