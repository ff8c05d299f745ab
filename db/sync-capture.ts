import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * What a desk paired with the office server sends it: every change to the office's record, captured
 * by triggers into `sync_outbox` in the very transaction that made it, so that a change is never
 * saved without being queued, nor queued without being saved. The triggers write only while the
 * connection's capture is switched on (`CaptureSwitch`): on a desk that works alone, on the jobs'
 * connections (a migration's data fix runs the same on every desk) and on a restore, they write nothing.
 */

/** The office's record: the tables a paired desk shares with the others. */
export const SYNCED_TABLES = [
  // First: every other record names its author, and a desk's whole record is queued in this order.
  'users',
  'beneficiaries',
  'beneficiary_phones',
  'household_members',
  'eligibility_decisions',
  'contacts',
  'attachments',
  'letters',
  'requests',
  'request_events',
  'complaints',
  'complaint_events',
  'inquiries',
  'articles',
  'authorities',
  'request_types',
  'holidays',
  'conflict_settlements',
  'beneficiary_merges',
  'voided_numbers',
  'programs',
  'program_sessions',
  'program_fees',
  'program_events',
  'program_enrolments',
  'program_enrolment_events',
  'program_certificates',
  'program_fee_waivers',
  'program_payments',
  'program_attendance',
  'program_discipline_notes',
  'questionnaires',
  'questionnaire_versions',
  'questionnaire_offers',
  'questionnaire_responses',
  'questionnaire_paper_entries',
  'controlled_documents',
  'controlled_document_versions',
  'controlled_document_reviews',
] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];

/**
 * Columns never sent: each desk's own order of its rows (`seq`), what a desk derives from the rest
 * (the folded name, the reversed phone, an article's search text), and a scan's bytes, which travel
 * as a blob of their own.
 */
const NOT_SENT: Readonly<Partial<Record<SyncedTable, readonly string[]>>> = {
  // When a user last signed in is this desk's. (A password, its wrap of the office's key and whether
  // it must be replaced are the account's at every desk: they travel.)
  users: ['last_sign_in_at'],
  beneficiaries: ['name_normalized'],
  beneficiary_phones: ['phone_reversed'],
  articles: ['search_text'],
  attachments: ['content'],
};

/** The columns of a synced table that its changes carry. */
export function sentColumns(sqlite: Database.Database, table: SyncedTable): string[] {
  const columns = sqlite.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(table) as string[];
  if (!columns.includes('id')) throw new Error(`${table} has no id column: its rows cannot be named to other desks`);
  const skipped = NOT_SENT[table] ?? [];
  return columns.filter((column) => column !== 'seq' && !skipped.includes(column));
}

const tableExists = (sqlite: Database.Database, table: string): boolean =>
  sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) !== undefined;

/** A table or column name as SQL: they come from the schema, and are checked to be plain words. */
export function sqlName(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL name: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

const rowJson = (prefix: 'NEW' | 'OLD', columns: readonly string[]) =>
  `json_object(${columns.map((column) => `'${column}', ${prefix}.${sqlName(column)}`).join(', ')})`;

/**
 * The names of the columns an update changed, as a JSON array (with a null for each unchanged one,
 * dropped when the change is sent). What the columns held before is never kept: an erasure's queued
 * change must not carry the values it erases.
 */
const changedColumns = (columns: readonly string[]) =>
  `json_array(${columns.map((column) => `CASE WHEN NEW.${sqlName(column)} IS NOT OLD.${sqlName(column)} THEN '${column}' END`).join(', ')})`;

/**
 * The capture triggers of every synced table, dropped and made again from the columns the table has
 * now. A migration that changes a synced table's columns calls this at its end (a test compares the
 * triggers with the tables, so one that forgets fails).
 */
export function recreateCaptureTriggers(sqlite: Database.Database): void {
  dropCaptureTriggers(sqlite);
  // Made by a later migration than some that call this: its statements join the triggers from then on.
  const keepsOfficeFields = tableExists(sqlite, 'sync_office_fields');
  const keepsOfficeRows = tableExists(sqlite, 'sync_office_rows');
  for (const table of SYNCED_TABLES) {
    // A table an older migration's call comes before: the migration that makes it calls this again.
    if (!tableExists(sqlite, table)) continue;
    const columns = sentColumns(sqlite, table);
    const name = sqlName(table);
    // The change's base: the time of the row's last change this desk knew of, which a later merge
    // compares with the row's time at the office to tell two officers' edits of the same row apart.
    const base = (row: 'NEW' | 'OLD') => `(SELECT hlc FROM sync_row_versions WHERE entity = '${table}' AND row_id = ${row}.id)`;
    const outbox = (row: 'NEW' | 'OLD') =>
      `INSERT INTO sync_outbox (op_id, hlc, user_id, entity, row_id, action, field_bases, base_hlc, changed, row_after) VALUES (wasl_sync_op_id(), wasl_sync_hlc(), wasl_sync_actor(), '${table}', ${row}.id`;
    // An update's base field by field: for each field it changed, the version its writer saw (the
    // field's last update here, or the row's birth), read before this change moves them on.
    const fieldBases = `(SELECT json_group_object(changed.value, coalesce(field.hlc, row.born_hlc, row.hlc, ''))
       FROM json_each(${changedColumns(columns)}) AS changed
       LEFT JOIN sync_field_versions AS field ON field.entity = '${table}' AND field.row_id = NEW.id AND field.field = changed.value
       LEFT JOIN sync_row_versions AS row ON row.entity = '${table}' AND row.row_id = NEW.id
       WHERE changed.value IS NOT NULL)`;
    // The row's version is then the change's own time; a deleted row keeps its version as a
    // tombstone, so that an older change received later does not bring it back.
    // An insertion is also the row's birth: the version of every field no update has written since.
    const version = (row: 'NEW' | 'OLD', action: 'insert' | 'update' | 'delete') =>
      `INSERT INTO sync_row_versions (entity, row_id, hlc, deleted, user_id, born_hlc)
       SELECT '${table}', ${row}.id, hlc, ${action === 'delete' ? 1 : 0}, user_id, ${action === 'insert' ? 'hlc' : 'NULL'} FROM sync_outbox WHERE seq = last_insert_rowid()
       ON CONFLICT (entity, row_id) DO UPDATE SET hlc = excluded.hlc, deleted = excluded.deleted, user_id = excluded.user_id${action === 'insert' ? ', born_hlc = excluded.born_hlc' : ''};`;
    // The field as the office's order has it, kept while this edit is on its way (officeFieldBefore),
    // read before the field's version below moves on. (sync_office_fields has no rowid either.)
    const officeField = keepsOfficeFields ? officeFieldBefore(table, columns) : '';
    // And each field an update wrote has the change's time and author, for a change received from
    // another desk to tell whether its writer saw this one. (sync_field_versions has no rowid: writing
    // it leaves last_insert_rowid() on the queued change.)
    const fieldVersions = `INSERT INTO sync_field_versions (entity, row_id, field, hlc, user_id)
       SELECT '${table}', NEW.id, changed.value, queued.hlc, queued.user_id
       FROM sync_outbox AS queued, json_each(queued.changed) AS changed
       WHERE queued.seq = last_insert_rowid() AND changed.value IS NOT NULL
       ON CONFLICT (entity, row_id, field) DO UPDATE SET hlc = excluded.hlc, user_id = excluded.user_id;`;
    sqlite.exec(`CREATE TRIGGER ${sqlName(`sync_capture_${table}_insert`)} AFTER INSERT ON ${name} WHEN wasl_sync_capturing() BEGIN
      ${outbox('NEW')}, 'insert', NULL, ${base('NEW')}, NULL, ${rowJson('NEW', columns)}); ${version('NEW', 'insert')} END`);
    // An update that changes nothing sent (a derived column, a row written again as it was) is not a change to share.
    sqlite.exec(`CREATE TRIGGER ${sqlName(`sync_capture_${table}_update`)} AFTER UPDATE ON ${name}
      WHEN wasl_sync_capturing() AND ${rowJson('NEW', columns)} IS NOT ${rowJson('OLD', columns)} BEGIN
      ${outbox('NEW')}, 'update', ${fieldBases}, ${base('NEW')}, ${changedColumns(columns)}, ${rowJson('NEW', columns)}); ${officeField} ${fieldVersions} ${version('NEW', 'update')}
      ${keepsOfficeFields && table === 'beneficiaries' ? officeFieldsErased(sqlite) : ''} END`);
    // A deletion is sent as the row's id alone: the row is gone, and so are its values. (While it is on
    // its way, the row as the office's order has it is kept: officeRowBefore.)
    sqlite.exec(`CREATE TRIGGER ${sqlName(`sync_capture_${table}_delete`)} AFTER DELETE ON ${name} WHEN wasl_sync_capturing() BEGIN
      ${outbox('OLD')}, 'delete', NULL, ${base('OLD')}, NULL, NULL); ${keepsOfficeRows ? officeRowBefore(table, columns) : ''} ${version('OLD', 'delete')} END`);
  }
}

/** Columns every desk writes by itself on every change: the last writer's, never a supervisor's question. */
export const STAMP_COLUMNS: ReadonlySet<string> = new Set(['created_at', 'updated_at', 'created_by', 'updated_by', 'row_version']);

/**
 * A desk's own edit is in its record before the office has placed it among the others' changes; the
 * merge weighs each change against the field as the office's order had it (services/sync/apply.ts).
 * So the first edit of a field made here while none of this desk's is on its way keeps what the field
 * held (its version, its author: the field's last writer, or the row's creator, and its value), and
 * each edit names itself the desk's latest on its way. The stamps are kept too, though they are never
 * a question: the row's version as the office's order has it is the latest of its fields'. Nothing is
 * kept of a person erased.
 */
function officeFieldBefore(table: SyncedTable, columns: readonly string[]): string {
  const author = columns.includes('created_by') ? 'OLD.created_by' : "''";
  const person = personOfRowSql(table, columns, 'NEW');
  const notErased =
    table === 'beneficiaries'
      ? 'AND NEW.erased_at IS NULL'
      : person !== null
        ? `AND NOT EXISTS (SELECT 1 FROM beneficiaries WHERE id = ${person} AND erased_at IS NOT NULL)`
        : '';
  return `INSERT INTO sync_office_fields (entity, row_id, field, hlc, user_id, value, own_hlc)
       SELECT '${table}', NEW.id, changed.value, coalesce(field.hlc, row.born_hlc, ''), coalesce(field.user_id, ${author}, ''),
         json_extract(${rowJson('OLD', columns)}, '$.' || changed.value), queued.hlc
       FROM sync_outbox AS queued
       JOIN json_each(queued.changed) AS changed
       LEFT JOIN sync_field_versions AS field ON field.entity = '${table}' AND field.row_id = NEW.id AND field.field = changed.value
       LEFT JOIN sync_row_versions AS row ON row.entity = '${table}' AND row.row_id = NEW.id
       WHERE queued.seq = last_insert_rowid() AND changed.value IS NOT NULL ${notErased}
       ON CONFLICT (entity, row_id, field) DO UPDATE SET own_hlc = excluded.own_hlc;`;
}

/**
 * A row this desk deleted is gone from its record before the office has placed the deletion: until it
 * comes back, the row is kept here as it was (its fields as the office's order has them are the
 * desk's own edits on their way, in sync_office_fields, kept with it), so that the merge takes the
 * others' changes of it, and weighs the deletion, as a desk that made no change of it does. (No rowid:
 * the queued change stays the last inserted.)
 */
function officeRowBefore(table: SyncedTable, columns: readonly string[]): string {
  return `INSERT INTO sync_office_rows (entity, row_id, row_json, own_hlc)
       SELECT '${table}', OLD.id, ${rowJson('OLD', columns)}, hlc FROM sync_outbox WHERE seq = last_insert_rowid()
       ON CONFLICT (entity, row_id) DO UPDATE SET row_json = excluded.row_json, own_hlc = excluded.own_hlc;`;
}

/**
 * A person's erasure here takes what was kept of their fields with it (the rows of theirs it erased
 * before their file), as it takes the sync's other copies (services/sync/copies.ts).
 */
function officeFieldsErased(sqlite: Database.Database): string {
  const rowsDeleted = tableExists(sqlite, 'sync_office_rows') ? officeRowsOfPerson('NEW.id') : 'false';
  return `DELETE FROM sync_office_fields WHERE NEW.erased_at IS NOT NULL AND (${rowsOfPerson(sqlite, 'NEW.id')} OR ${rowsDeleted});
    ${tableExists(sqlite, 'sync_office_rows') ? `DELETE FROM sync_office_rows WHERE NEW.erased_at IS NOT NULL AND ${officeRowsOfPerson('NEW.id')};` : ''}`;
}

/**
 * Tables whose rows name their person only through their enrolment (a fee waiver, a payment): a
 * merge of two files moves them with it, and an erasure reaches them through it, in the record
 * (services/sync/erasure-rules.ts) as in the sync's queues and copies.
 */
export const THROUGH_ENROLMENT: ReadonlySet<SyncedTable> = new Set(['program_fee_waivers', 'program_payments']);

/** The enrolments of one person's, as an SQL query: `person` is an SQL expression. */
export const enrolmentsOfPerson = (person: string): string => `SELECT id FROM program_enrolments WHERE beneficiary_id = ${person}`;

/**
 * The person a row of a table is about, as an SQL expression on the row (`row`: NEW, OLD or an
 * alias): the file itself, the file it names, or the file of its enrolment; null for a table whose
 * rows are no one's.
 */
export function personOfRowSql(table: SyncedTable, columns: readonly string[], row: string): string | null {
  if (table === 'beneficiaries') return `${row}.id`;
  if (columns.includes('beneficiary_id')) return `${row}.beneficiary_id`;
  if (THROUGH_ENROLMENT.has(table)) return `(SELECT beneficiary_id FROM program_enrolments WHERE id = ${row}.enrolment_id)`;
  return null;
}

/**
 * The rows of a table that are one person's, as an SQL condition on the table's rows (read through an
 * index: the person's column, or their enrolments'); null for a table whose rows are no one's. `person`
 * is an SQL expression.
 */
export function rowsOfPersonIn(table: SyncedTable, columns: readonly string[], person: string): string | null {
  if (table === 'beneficiaries') return `id = ${person}`;
  if (columns.includes('beneficiary_id')) return `beneficiary_id = ${person}`;
  if (THROUGH_ENROLMENT.has(table)) return `enrolment_id IN (${enrolmentsOfPerson(person)})`;
  return null;
}

/**
 * Whether a copy of a row kept by the sync (its table in `entity`, its id in `row_id`, its values as
 * JSON in the column `values`) is one person's, as an SQL condition: their file, a row naming them, a
 * row of one of their enrolments, or the scan of one of their letters. `person` is an SQL expression.
 * Values received that are not JSON name no one.
 */
export function copyOfPerson(values: string, person: string): string {
  const json = `CASE WHEN json_valid(${values}) THEN ${values} END`;
  const throughEnrolment = [...THROUGH_ENROLMENT].map((table) => `'${table}'`).join(', ');
  return `((entity = 'beneficiaries' AND row_id = ${person})
    OR json_extract(${json}, '$.beneficiary_id') = ${person}
    OR (entity IN (${throughEnrolment}) AND json_extract(${json}, '$.enrolment_id') IN (${enrolmentsOfPerson(person)}))
    -- A scan names no one itself: it is theirs through the letter it was filed with.
    OR (entity = 'attachments' AND row_id IN (SELECT scan_id FROM letters WHERE beneficiary_id = ${person} AND scan_id IS NOT NULL)))`;
}

/**
 * The rows of one person's this desk deleted, kept while their deletion is on its way (officeRowBefore),
 * named by `entity` and `row_id`, as an SQL condition: `person` is an SQL expression.
 */
export function officeRowsOfPerson(person: string): string {
  return `(entity, row_id) IN (SELECT entity, row_id FROM sync_office_rows WHERE ${copyOfPerson('row_json', person)})`;
}

/** The rows of one person's in the sync's tables, named by `entity` and `row_id`, as an SQL condition: `person` is an SQL expression. */
export function rowsOfPerson(sqlite: Database.Database, person: string): string {
  const conditions = [`(entity = 'beneficiaries' AND row_id = ${person})`];
  for (const table of SYNCED_TABLES) {
    if (table === 'beneficiaries' || !tableExists(sqlite, table)) continue;
    const theirs = rowsOfPersonIn(table, sentColumns(sqlite, table), person);
    if (theirs !== null) conditions.push(`(entity = '${table}' AND row_id IN (SELECT id FROM ${sqlName(table)} WHERE ${theirs}))`);
  }
  // A scan names no one itself: it is theirs through the letter it was filed with.
  if (tableExists(sqlite, 'letters')) conditions.push(`(entity = 'attachments' AND row_id IN (SELECT scan_id FROM letters WHERE beneficiary_id = ${person} AND scan_id IS NOT NULL))`);
  return conditions.join(' OR ');
}

/**
 * Drops the capture triggers, for a migration that changes the tables they name or the queues they
 * write (SQLite checks every trigger whenever a table is renamed); it makes them again at its end.
 */
export function dropCaptureTriggers(sqlite: Database.Database): void {
  const triggers = sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'sync\\_capture\\_%' ESCAPE '\\'").pluck().all() as string[];
  for (const trigger of triggers) sqlite.exec(`DROP TRIGGER ${sqlName(trigger)}`);
}

/**
 * Whether this connection's writes are captured, and what each captured change is stamped with.
 * Every connection has one, off: the functions the triggers call must exist wherever the tables are
 * written.
 */
export interface CaptureSwitch {
  enabled: boolean;
  /** A new operation's id (UUIDv7). */
  newOpId: () => string;
  /** The desk's hybrid logical clock, read for the change. */
  nextHlc: () => string;
  /** Who is making the change: the signed-in user, or Wasl itself. */
  actor: () => string;
}

export function installCaptureFunctions(sqlite: Database.Database): CaptureSwitch {
  const capture: CaptureSwitch = {
    enabled: false,
    newOpId: () => {
      throw new Error('capture is off');
    },
    nextHlc: () => {
      throw new Error('capture is off');
    },
    actor: () => {
      throw new Error('capture is off');
    },
  };
  sqlite.function('wasl_sync_capturing', { deterministic: false }, () => (capture.enabled ? 1 : 0));
  sqlite.function('wasl_sync_op_id', { deterministic: false }, () => capture.newOpId());
  sqlite.function('wasl_sync_hlc', { deterministic: false }, () => capture.nextHlc());
  sqlite.function('wasl_sync_actor', { deterministic: false }, () => capture.actor());
  return capture;
}
