/** What each command's --help prints: usage, options, environment variables, examples, exit codes. */
const HELP = {
  main: `rfc-panel — a panel of reviewers for Markdown design docs (plans, RFCs, specs)

Usage:
  rfc-panel review <file.md…|-> [options]     review documents (- reads standard input)
  rfc-panel reviewers [--reviewers-dir <dir>]  list the personas and when they engage
  rfc-panel config check [file]                validate a .github/rfc-panel.yml locally
  rfc-panel --version | --help | <command> --help

Examples:
  rfc-panel review examples/webhook-delivery.md
  rfc-panel review docs/rfcs/*.md --format sarif > rfc-panel.sarif
  rfc-panel config check .github/rfc-panel.yml

Exit codes: 0 done, 1 findings at or above --fail-on (or an invalid config), 2 usage or input error.`,

  review: `Usage: rfc-panel review <file.md…|-> [options]

Review Markdown documents with the persona panel. "-" reads one document from standard input.

Options:
  --engine checklist|claude|both   checklist: offline rules (default); claude: the model panel
                                   (needs ANTHROPIC_API_KEY); both: merged
  --reviewers <id,id>              only these personas (see "rfc-panel reviewers")
  --reviewers-dir <dir>            add or override personas from a folder (repeatable)
  --format text|markdown|json|sarif|rdjson
                                   text (default); markdown: the pull-request summary;
                                   json: findings + summary; sarif: SARIF 2.1.0 for GitHub code
                                   scanning; rdjson: reviewdog's Diagnostic Result format
  --fail-on critical|important|none
                                   exit 1 when an open finding is at or above this severity, and
                                   name those findings on stderr (default: none)
  --previous <old.md>              compare two revisions of one document: addressed, open, new,
                                   regressed (then give exactly one <new.md>)
  -h, --help                       this help

Environment:
  ANTHROPIC_API_KEY    needed by --engine claude|both
  RFC_PANEL_MODEL      the Claude model (default claude-sonnet-4-6)
  ANTHROPIC_BASE_URL   send Claude requests through a gateway
  NO_COLOR             plain text even on a terminal

Examples:
  rfc-panel review examples/webhook-delivery.md
  rfc-panel review docs/rfcs/*.md --fail-on critical
  git show HEAD:docs/rfcs/cache.md | rfc-panel review - --format json
  rfc-panel review docs/rfcs/*.md --format sarif > rfc-panel.sarif
  rfc-panel review docs/rfcs/*.md --format rdjson | reviewdog -f=rdjson -reporter=github-pr-review
  rfc-panel review --previous old.md new.md

Exit codes: 0 reviewed, 1 findings at or above --fail-on, 2 usage or input error.`,

  reviewers: `Usage: rfc-panel reviewers [--reviewers-dir <dir>]

List every persona: id, name, focus, and when it engages (always, or the terms that trigger it).

Options:
  --reviewers-dir <dir>   include personas from a folder (repeatable); a bad file is named with
                          its field and problem
  -h, --help              this help

Examples:
  rfc-panel reviewers
  rfc-panel reviewers --reviewers-dir .github/rfc-panel/reviewers

Exit codes: 0 listed, 2 a persona file is invalid.`,

  config: `Usage: rfc-panel config check [file]

Validate a configuration file as the app would, without GitHub: unknown keys, wrong types and
out-of-range values are named with their key. The default file is .github/rfc-panel.yml; "-"
reads standard input. Editors can validate it too with schema/rfc-panel.schema.json.

Options:
  -h, --help   this help

Examples:
  rfc-panel config check
  rfc-panel config check path/to/rfc-panel.yml

Exit codes: 0 valid, 1 invalid (problems on stderr), 2 usage error or unreadable file.`,
} as const;

export type HelpTopic = keyof typeof HELP;

export function renderHelp(topic: HelpTopic): string {
  return `${HELP[topic]}\n`;
}
