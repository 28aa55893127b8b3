import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../src/documents/parse-document.js';
import { packageRoot } from '../src/package-root.js';
import { builtInRulesDir, parseRule } from '../src/engines/checklist/load-rules.js';
import type { RuleHit } from '../src/engines/checklist/rule-hit.js';
import type { SqlRule } from '../src/engines/checklist/schema.js';
import { runSqlRules } from '../src/engines/checklist/sql/run-sql-rules.js';
import { SQL_CHECKS } from '../src/engines/checklist/sql/rules/index.js';
import { createChecklistEngine } from '../src/engines/checklist/create-checklist-engine.js';
import { loadRules } from '../src/engines/checklist/load-rules.js';
import { loadPersonas } from '../src/personas/load-personas.js';

// Only the sql.* files: the topic rules in the same folder are not this suite's concern.
const sqlRules: SqlRule[] = readdirSync(builtInRulesDir())
  .filter((name) => /^sql\..+\.yaml$/.test(name))
  .sort()
  .map((name) => {
    const file = join(builtInRulesDir(), name);
    const rule = parseRule(file, readFileSync(file, 'utf8'));
    if (rule.kind !== 'sql' || `${rule.id}.yaml` !== name) throw new Error(`${name} is not a sql rule named after its id`);
    return rule;
  });

function rule(id: string): SqlRule {
  const found = sqlRules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule file for ${id}`);
  return found;
}

async function review(markdown: string, ids: string[] = sqlRules.map((r) => r.id)): Promise<RuleHit[]> {
  return runSqlRules(parseDocument('plan.md', markdown), ids.map(rule));
}

/** What a reader sees of a hit: the rule, where it sits, and what it names. */
function placed(hits: RuleHit[]): Array<[string, string, number | null, number | null, string]> {
  return hits
    .map((h): [string, string, number | null, number | null, string] => [h.ruleId, h.anchor.level, h.anchor.startLine, h.anchor.endLine, h.match])
    .sort((a, b) => a[0].localeCompare(b[0]) || (a[2] ?? 0) - (b[2] ?? 0));
}

const preferencesPlan = readFileSync(join(packageRoot(), 'test', 'fixtures', 'plans', 'user-preferences.md'), 'utf8');

const preferencesHits = [
  ['sql.create-without-if-not-exists', 'line', 8, 8, 'user_preferences'],
  ['sql.fk-not-unique', 'line', 10, 10, 'user_preferences.user_id'],
  ['sql.fk-on-delete', 'line', 10, 10, 'user_preferences.user_id'],
  ['sql.fk-without-index', 'line', 10, 10, 'user_preferences.user_id'],
  ['sql.no-timestamps', 'section', 6, 16, 'user_preferences'],
  ['sql.nullable-without-default', 'line', 10, 13, 'user_preferences (user_id, theme, notifications, timezone)'],
  ['sql.settings-columns', 'line', 8, 8, 'user_preferences'],
  ['sql.varchar-enumeration', 'line', 11, 11, 'user_preferences.theme'],
];

describe('SQL rule files', () => {
  it('pairs every sql.*.yaml with a check and every check with a rule file', () => {
    const files = sqlRules.map((r) => r.id).sort();
    const checks = Object.keys(SQL_CHECKS).sort();

    expect(files).toEqual(checks);
  });

  describe.each(sqlRules.map((r) => [r.id, r] as const))('%s', (id, sqlRule) => {
    it('fires on its fixture where the fixture says', async () => {
      const hits = (await review(sqlRule.fixture.fires.doc, [id])).filter((h) => h.ruleId === id);
      const line = sqlRule.fixture.fires.line;

      const onLine = hits.filter((h) => (line === null ? h.anchor.level !== 'line' : h.anchor.startLine === line));
      expect({ fired: hits.length > 0, onLine: onLine.length > 0 }).toEqual({ fired: true, onLine: true });
    });

    it('stays quiet on its passing fixture', async () => {
      const hits = await review(sqlRule.fixture.passes, [id]);

      expect(placed(hits)).toEqual([]);
    });
  });
});

describe('sql.float-money', () => {
  it('flags money, balance and points columns in floating point, singular or plural, and leaves rates and durations alone', async () => {
    const plan = [
      '# Ledger',
      '',
      '```sql',
      'CREATE TABLE IF NOT EXISTS ledger (',
      '  id BIGINT PRIMARY KEY,',
      '  unit_prices DOUBLE PRECISION NOT NULL,',
      '  points_balance REAL NOT NULL,',
      '  refund_amounts FLOAT8[] NOT NULL,',
      '  tax_rate DOUBLE PRECISION NOT NULL,',
      '  total_duration_seconds DOUBLE PRECISION NOT NULL,',
      '  data_points REAL NOT NULL,',
      '  fee NUMERIC(12, 2) NOT NULL',
      ');',
      '```',
    ].join('\n');

    const hits = await review(plan, ['sql.float-money']);

    expect(placed(hits).map(([id, , line, , match]) => [id, line, match])).toEqual([
      ['sql.float-money', 6, 'ledger.unit_prices'],
      ['sql.float-money', 7, 'ledger.points_balance'],
      ['sql.float-money', 8, 'ledger.refund_amounts'],
    ]);
  });
});

describe('sql.timestamp-without-time-zone', () => {
  it('flags timestamp columns without a time zone and leaves timestamptz alone', async () => {
    const plan = [
      '# Meters',
      '',
      '```sql',
      'CREATE TABLE IF NOT EXISTS reads (',
      '  id BIGINT PRIMARY KEY,',
      '  read_ts TIMESTAMP NOT NULL,',
      '  created_at TIMESTAMPTZ NOT NULL,',
      '  billed_at TIMESTAMP WITH TIME ZONE,',
      '  sampled_at TIMESTAMP(3) WITHOUT TIME ZONE',
      ');',
      'ALTER TABLE reads ADD COLUMN corrected_at timestamp;',
      '```',
    ].join('\n');

    const hits = await review(plan, ['sql.timestamp-without-time-zone']);

    expect(placed(hits).map(([id, , line, , match]) => [id, line, match])).toEqual([
      ['sql.timestamp-without-time-zone', 6, 'reads.read_ts'],
      ['sql.timestamp-without-time-zone', 9, 'reads.sampled_at'],
      ['sql.timestamp-without-time-zone', 11, 'reads.corrected_at'],
    ]);
  });
});

describe('sql.fk-on-delete', () => {
  it('blocks on a key to the people who sign in, and asks for a decision on any other parent', async () => {
    const plan = [
      '# Memberships',
      '',
      '```sql',
      'CREATE TABLE IF NOT EXISTS freezes (',
      '  id BIGINT PRIMARY KEY,',
      '  user_id BIGINT NOT NULL REFERENCES users (id),',
      '  membership_id BIGINT NOT NULL REFERENCES memberships (id),',
      '  org_id BIGINT NOT NULL REFERENCES public.organizations (id)',
      ');',
      '```',
    ].join('\n');

    const hits = await review(plan, ['sql.fk-on-delete']);

    expect(hits.map((h) => [h.anchor.startLine, h.match, h.severity ?? 'the rule’s'])).toEqual([
      [6, 'freezes.user_id', 'the rule’s'],
      [7, 'freezes.membership_id', 'important'],
      [8, 'freezes.org_id', 'important'],
    ]);
  });

  it.each([
    ['people', 'critical'],
    ['persons', 'critical'],
    ['app_users', 'critical'],
    ['auth_user', 'critical'],
    ['accounts_user', 'critical'],
    ['"User"', 'critical'],
    ['auth.users', 'critical'],
    ['team_users', 'important'],
    ['accounts', 'important'],
    ['customers', 'important'],
    ['teams', 'important'],
  ])('treats a key to %s as %s', async (parent, severity) => {
    const plan = [
      '# Plan',
      '',
      '```sql',
      `CREATE TABLE IF NOT EXISTS notes (id BIGINT PRIMARY KEY, owner_id BIGINT NOT NULL REFERENCES ${parent} (id));`,
      '```',
    ].join('\n');

    const hits = await review(plan, ['sql.fk-on-delete']);

    expect(hits.map((h) => h.severity ?? 'critical')).toEqual([severity]);
  });

  it('gives the milder finding the recommendation of its own severity', async () => {
    const document = parseDocument(
      'plan.md',
      [
        '# Freezes',
        '',
        '```sql',
        'CREATE TABLE IF NOT EXISTS freezes (',
        '  id BIGINT PRIMARY KEY,',
        '  membership_id BIGINT NOT NULL REFERENCES memberships (id)',
        ');',
        '```',
      ].join('\n'),
    );

    const { findings } = await createChecklistEngine(loadRules()).review({ document, personas: loadPersonas() });

    expect(findings.filter((f) => f.ruleId === 'sql.fk-on-delete').map((f) => [f.severity, f.recommendation])).toEqual([['important', 'should']]);
  });
});

describe('runSqlRules', () => {
  it('reviews the user preferences plan line by line', async () => {
    const hits = await review(preferencesPlan);

    expect(placed(hits)).toEqual(preferencesHits);
  });

  it('leaves a free-form column such as timezone alone', async () => {
    const hits = await review(preferencesPlan, ['sql.varchar-enumeration']);

    expect(hits.map((h) => h.anchor.startLine)).toEqual([11]);
  });

  it('finds the same lines in a CRLF document', async () => {
    const hits = await review(preferencesPlan.replace(/\n/g, '\r\n'));

    expect(placed(hits)).toEqual(preferencesHits);
  });

  it('counts lines right after emoji and accented text, in prose and in SQL comments', async () => {
    const plan = [
      '# Préférences 🚀', // 1
      '',
      'Les réglages — café ☕ 🎉.',
      '',
      '```postgresql', // 5
      // Sixty bytes more than characters: reading byte offsets as characters would land lines later.
      `-- Table des préférences ${'🚀日本'.repeat(12)}`,
      '/* ✨ multi-byte',
      '   comment */ CREATE TABLE IF NOT EXISTS réglages_settings (',
      '  id BIGSERIAL PRIMARY KEY,',
      "  état TEXT NOT NULL DEFAULT 'é', -- 🚀", // 10
      "  mode TEXT NOT NULL DEFAULT 'sombre',",
      '  created_at TIMESTAMPTZ NOT NULL DEFAULT now()',
      ');',
      '```',
    ].join('\n');

    const hits = await review(plan, ['sql.varchar-enumeration', 'sql.create-without-if-not-exists', 'sql.missing-primary-key']);

    expect(placed(hits)).toEqual([['sql.varchar-enumeration', 'line', 11, 11, 'réglages_settings.mode']]);
  });

  it('places a parse error on its line when multi-byte text precedes it', async () => {
    const plan = [
      '# Plan 🚀',
      '',
      '```sql',
      `-- é ${'🚀日本'.repeat(12)}`,
      'CREATE TABLE IF NOT EXISTS t (',
      '  id INT PRIMARY KEY,',
      '  <more columns>',
      ');',
      '```',
    ].join('\n');

    const hits = await review(plan, ['sql.parse-error']);

    expect(placed(hits)).toEqual([['sql.parse-error', 'line', 7, 7, 'syntax error at or near "<"']]);
  });

  it("reports SQL the parser rejects without throwing, and still reviews the block's other statements", async () => {
    const plan = [
      '# Plan',
      '',
      '```sql',
      'CREATE TABLE IF NOT EXISTS tags (',
      '  id BIGSERIAL PRIMARY KEY,',
      '  ...',
      ');',
      "ALTER TABLE orders ADD COLUMN source TEXT NOT NULL; -- ends the bad statement's neighbour",
      'SELEKT 1;',
      '```',
    ].join('\n');

    const hits = await review(plan, ['sql.parse-error', 'sql.not-null-without-default']);

    expect(placed(hits)).toEqual([
      ['sql.not-null-without-default', 'line', 8, 8, 'orders.source'],
      ['sql.parse-error', 'line', 6, 6, 'syntax error at or near ".."'],
      ['sql.parse-error', 'line', 9, 9, 'syntax error at or near "SELEKT"'],
    ]);
  });

  it('reports an unterminated string once for the whole block', async () => {
    const hits = await review(['```sql', "SELECT 'open;", 'CREATE TABLE t (id int);', '```'].join('\n'), ['sql.parse-error']);

    expect(placed(hits)).toEqual([['sql.parse-error', 'line', 2, 2, 'unterminated quoted string at or near "\'open;\nCREATE TABLE t (id int);"']]);
  });

  it('reviews an unlabeled block that reads as SQL but never reports one that does not parse', async () => {
    const plan = [
      '# Plan',
      '',
      '```',
      'ALTER TABLE users DROP COLUMN nickname;',
      '```',
      '',
      '```',
      'DROP the old table once traffic is gone',
      '```',
      '',
      '```ts',
      'ALTER TABLE users DROP COLUMN email;',
      '```',
    ].join('\n');

    const hits = await review(plan, ['sql.rename-or-drop-column', 'sql.parse-error']);

    expect(placed(hits)).toEqual([['sql.rename-or-drop-column', 'line', 4, 4, 'users.nickname']]);
  });

  it('skips psql meta-commands without shifting the lines after them', async () => {
    const plan = ['```psql', '\\set ON_ERROR_STOP on', '\\c app_é', 'BEGIN;', 'ALTER TABLE orders ADD COLUMN source TEXT NOT NULL;', 'COMMIT;', '```'].join(
      '\n',
    );

    const hits = await review(plan, ['sql.parse-error', 'sql.not-null-without-default']);

    expect(placed(hits)).toEqual([['sql.not-null-without-default', 'line', 5, 5, 'orders.source']]);
  });

  it('yields nothing for a document without SQL', async () => {
    const hits = await review('# Plan\n\n## Rollout\nShip it on Monday.\n\n```json\n{"a": 1}\n```\n');

    expect(hits).toEqual([]);
  });

  it('runs only the rules it is given', async () => {
    const hits = await review(preferencesPlan, ['sql.fk-on-delete']);

    expect(placed(hits)).toEqual([['sql.fk-on-delete', 'line', 10, 10, 'user_preferences.user_id']]);
  });

  it('ignores a rule that has no check behind it', async () => {
    const stray: SqlRule = { ...rule('sql.fk-on-delete'), id: 'sql.not-a-check' };

    const hits = await runSqlRules(parseDocument('plan.md', preferencesPlan), [stray]);

    expect(hits).toEqual([]);
  });
});

describe('SQL rules on migrations of existing tables', () => {
  it('anchors a table-level foreign key on its column and its REFERENCES line', async () => {
    const plan = [
      '```sql',
      'CREATE TABLE IF NOT EXISTS orders (',
      '  id BIGSERIAL PRIMARY KEY,',
      '  customer_id BIGINT NOT NULL,',
      '  CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)',
      '    REFERENCES customers (id)',
      ');',
      '```',
    ].join('\n');

    const hits = await review(plan, ['sql.fk-on-delete', 'sql.fk-without-index', 'sql.fk-not-valid']);

    expect(placed(hits)).toEqual([
      ['sql.fk-on-delete', 'line', 6, 6, 'orders.customer_id'],
      ['sql.fk-without-index', 'line', 4, 4, 'orders.customer_id'],
    ]);
  });

  it('accepts an explicit ON DELETE NO ACTION as a decision', async () => {
    const plan = '```sql\nCREATE TABLE IF NOT EXISTS a (b_id INT REFERENCES b (id) ON DELETE NO ACTION, c_id INT REFERENCES c (id));\n```';

    const hits = await review(plan, ['sql.fk-on-delete']);

    expect(hits.map((h) => h.match)).toEqual(['a.c_id']);
  });

  it('spares tables the plan itself creates from lock and rollout rules', async () => {
    const plan = [
      '```sql',
      'CREATE TABLE IF NOT EXISTS events (id BIGSERIAL PRIMARY KEY, kind_id INT, created_at TIMESTAMPTZ NOT NULL DEFAULT now());',
      'CREATE INDEX IF NOT EXISTS events_kind_idx ON events (kind_id);',
      'ALTER TABLE events ADD COLUMN source TEXT NOT NULL;',
      'ALTER TABLE events ADD CONSTRAINT events_kind_fk FOREIGN KEY (kind_id) REFERENCES kinds (id) ON DELETE RESTRICT;',
      '```',
      '## Rollback',
      '```sql',
      'DROP TABLE events;',
      '```',
    ].join('\n');

    const hits = await review(plan, ['sql.index-not-concurrent', 'sql.not-null-without-default', 'sql.fk-not-valid', 'sql.rename-or-drop-column']);

    expect(hits).toEqual([]);
  });

  it('anchors each DROP COLUMN of a multi-line ALTER TABLE on its own line', async () => {
    const plan = [
      '```sql',
      'ALTER TABLE users',
      '  DROP COLUMN legacy_flag,',
      '  DROP COLUMN IF EXISTS "old_name";',
      'ALTER TABLE users RENAME TO members;',
      'DROP TABLE IF EXISTS sessions, public.tokens;',
      '```',
    ].join('\n');

    const hits = await review(plan, ['sql.rename-or-drop-column']);

    expect(placed(hits)).toEqual([
      ['sql.rename-or-drop-column', 'line', 3, 3, 'users.legacy_flag'],
      ['sql.rename-or-drop-column', 'line', 4, 4, 'users.old_name'],
      ['sql.rename-or-drop-column', 'line', 5, 5, 'users'],
      ['sql.rename-or-drop-column', 'line', 6, 6, 'sessions'],
      ['sql.rename-or-drop-column', 'line', 6, 6, 'tokens'],
    ]);
  });

  it('suggests the mechanical fix for a missing CONCURRENTLY or IF NOT EXISTS', async () => {
    const plan = ['```sql', '  create unique index orders_ref_idx on orders (ref);', 'CREATE TABLE audit (id BIGSERIAL PRIMARY KEY);', '```'].join('\n');

    const hits = await review(plan, ['sql.index-not-concurrent', 'sql.create-without-if-not-exists']);

    expect(hits.map((h) => [h.ruleId, h.suggestion])).toEqual([
      ['sql.index-not-concurrent', '  create unique index concurrently orders_ref_idx on orders (ref);'],
      ['sql.create-without-if-not-exists', '  create unique index if not exists orders_ref_idx on orders (ref);'],
      ['sql.create-without-if-not-exists', 'CREATE TABLE IF NOT EXISTS audit (id BIGSERIAL PRIMARY KEY);'],
    ]);
  });

  it('counts a CHECK added later, or a lookup-table key, as constraining a closed-set column', async () => {
    const plan = [
      '```sql',
      "ALTER TABLE orders ADD COLUMN status TEXT NOT NULL DEFAULT 'new';",
      "ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('new', 'paid')) NOT VALID;",
      'ALTER TABLE orders ADD COLUMN tier TEXT REFERENCES tiers (code) ON DELETE RESTRICT;',
      'ALTER TABLE orders ADD COLUMN content_type TEXT;',
      'ALTER TABLE orders ADD COLUMN shipping_type VARCHAR(10);',
      '```',
    ].join('\n');

    const hits = await review(plan, ['sql.varchar-enumeration']);

    expect(placed(hits)).toEqual([['sql.varchar-enumeration', 'line', 6, 6, 'orders.shipping_type']]);
  });

  it('does not ask a key/value settings table or a link table for one row per owner or timestamps', async () => {
    const plan = [
      '```sql',
      'CREATE TABLE IF NOT EXISTS user_settings (',
      '  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,',
      '  key TEXT NOT NULL,',
      '  value JSONB NOT NULL,',
      '  PRIMARY KEY (user_id, key)',
      ');',
      'CREATE TABLE IF NOT EXISTS user_roles (',
      '  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,',
      '  role_id BIGINT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,',
      '  PRIMARY KEY (user_id, role_id)',
      ');',
      '```',
    ].join('\n');

    const hits = await review(plan, ['sql.fk-not-unique', 'sql.no-timestamps', 'sql.settings-columns']);

    expect(placed(hits)).toEqual([['sql.no-timestamps', 'document', null, null, 'user_settings']]);
  });
});

describe('a table sketched in the design and created idempotently by the migration', () => {
  it('does not ask for IF NOT EXISTS on the sketch', async () => {
    const plan = [
      '# Plan',
      '## Design',
      '```sql',
      'CREATE TABLE prefs (id bigint PRIMARY KEY);',
      '```',
      '## Migration',
      '```sql',
      'CREATE TABLE IF NOT EXISTS prefs (id bigint PRIMARY KEY);',
      '```',
    ].join('\n');

    const hits = await review(plan, ['sql.create-without-if-not-exists']);

    expect(hits).toEqual([]);
  });
});
