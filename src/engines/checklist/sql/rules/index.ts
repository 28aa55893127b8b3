import type { SqlCheck } from '../types.js';
import { checkCreateWithoutIfNotExists } from './check-create-without-if-not-exists.js';
import { checkFkNotUnique } from './check-fk-not-unique.js';
import { checkFkNotValid } from './check-fk-not-valid.js';
import { checkFkOnDelete } from './check-fk-on-delete.js';
import { checkFkWithoutIndex } from './check-fk-without-index.js';
import { checkFloatMoney } from './check-float-money.js';
import { checkIndexNotConcurrent } from './check-index-not-concurrent.js';
import { checkMissingPrimaryKey } from './check-missing-primary-key.js';
import { checkNoTimestamps } from './check-no-timestamps.js';
import { checkNotNullWithoutDefault } from './check-not-null-without-default.js';
import { checkNullableWithoutDefault } from './check-nullable-without-default.js';
import { checkParseError } from './check-parse-error.js';
import { checkRenameOrDropColumn } from './check-rename-or-drop-column.js';
import { checkSettingsColumns } from './check-settings-columns.js';
import { checkTimestampWithoutTimeZone } from './check-timestamp-without-time-zone.js';
import { checkVarcharEnumeration } from './check-varchar-enumeration.js';

/** The check behind each `kind: sql` rule, keyed by the id its reviewers/rules/<id>.yaml carries. */
export const SQL_CHECKS: Readonly<Record<string, SqlCheck>> = {
  'sql.not-null-without-default': checkNotNullWithoutDefault,
  'sql.index-not-concurrent': checkIndexNotConcurrent,
  'sql.fk-not-valid': checkFkNotValid,
  'sql.fk-on-delete': checkFkOnDelete,
  'sql.rename-or-drop-column': checkRenameOrDropColumn,
  'sql.create-without-if-not-exists': checkCreateWithoutIfNotExists,
  'sql.varchar-enumeration': checkVarcharEnumeration,
  'sql.nullable-without-default': checkNullableWithoutDefault,
  'sql.fk-not-unique': checkFkNotUnique,
  'sql.fk-without-index': checkFkWithoutIndex,
  'sql.no-timestamps': checkNoTimestamps,
  'sql.parse-error': checkParseError,
  'sql.missing-primary-key': checkMissingPrimaryKey,
  'sql.settings-columns': checkSettingsColumns,
  'sql.float-money': checkFloatMoney,
  'sql.timestamp-without-time-zone': checkTimestampWithoutTimeZone,
};
