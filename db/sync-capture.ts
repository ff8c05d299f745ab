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
] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];

/**
 * Columns never sent: each desk's own order of its rows (`seq`), what a desk derives from the rest
 * (the folded name, the reversed phone, an article's search text), and a scan's bytes, which travel
 * as a blob of their own.
 */
const NOT_SENT: Readonly<Partial<Record<SyncedTable, readonly string[]>>> = {
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
  for (const table of SYNCED_TABLES) {
    const columns = sentColumns(sqlite, table);
    const name = sqlName(table);
    // The change's base: the time of the row's last change this desk knew of, which a later merge
    // compares with the row's time at the office to tell two officers' edits of the same row apart.
    const base = (row: 'NEW' | 'OLD') => `(SELECT hlc FROM sync_row_versions WHERE entity = '${table}' AND row_id = ${row}.id)`;
    const outbox = (row: 'NEW' | 'OLD') =>
      `INSERT INTO sync_outbox (op_id, hlc, user_id, entity, row_id, action, base_hlc, changed, row_after) VALUES (wasl_sync_op_id(), wasl_sync_hlc(), wasl_sync_actor(), '${table}', ${row}.id`;
    // The row's version is then the change's own time.
    const version = (row: 'NEW' | 'OLD') =>
      `INSERT INTO sync_row_versions (entity, row_id, hlc) VALUES ('${table}', ${row}.id, (SELECT hlc FROM sync_outbox WHERE seq = last_insert_rowid()))
       ON CONFLICT (entity, row_id) DO UPDATE SET hlc = excluded.hlc;`;
    for (const action of ['insert', 'update', 'delete'] as const) sqlite.exec(`DROP TRIGGER IF EXISTS ${sqlName(`sync_capture_${table}_${action}`)}`);
    sqlite.exec(`CREATE TRIGGER ${sqlName(`sync_capture_${table}_insert`)} AFTER INSERT ON ${name} WHEN wasl_sync_capturing() BEGIN
      ${outbox('NEW')}, 'insert', ${base('NEW')}, NULL, ${rowJson('NEW', columns)}); ${version('NEW')} END`);
    // An update that changes nothing sent (a derived column, a row written again as it was) is not a change to share.
    sqlite.exec(`CREATE TRIGGER ${sqlName(`sync_capture_${table}_update`)} AFTER UPDATE ON ${name}
      WHEN wasl_sync_capturing() AND ${rowJson('NEW', columns)} IS NOT ${rowJson('OLD', columns)} BEGIN
      ${outbox('NEW')}, 'update', ${base('NEW')}, ${changedColumns(columns)}, ${rowJson('NEW', columns)}); ${version('NEW')} END`);
    // A deletion is sent as the row's id alone: the row is gone, and so are its values.
    sqlite.exec(`CREATE TRIGGER ${sqlName(`sync_capture_${table}_delete`)} AFTER DELETE ON ${name} WHEN wasl_sync_capturing() BEGIN
      ${outbox('OLD')}, 'delete', ${base('OLD')}, NULL, NULL); ${version('OLD')} END`);
  }
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
