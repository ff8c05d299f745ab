import type Database from 'better-sqlite3-multiple-ciphers';
import { starterArticleId } from '../fixed-ids';
import { dropCaptureTriggers, recreateCaptureTriggers } from '../sync-capture';
import { addColumnIfMissing } from './columns';
import type { Migration } from './index';

/**
 * What a paired desk needs to take the office's changes into its own record: each field's version
 * (the time of the last change that wrote it, for the last writer to win field by field), the rows
 * deleted (a tombstone, so that an older change cannot bring a row back), the changes received that
 * could not be taken yet and why, and the conflicts a merge found for a supervisor to settle, with
 * their settlements, which travel to every desk like any record.
 */
export const syncMerge: Migration = {
  version: 13,
  name: 'sync-merge',
  remakesTables: true,
  run(sqlite) {
    // Made again at the end, for the tables and queues as they are then.
    dropCaptureTriggers(sqlite);
    allowTwinsAcrossDesks(sqlite);
    shareTheStarterLibrary(sqlite);
    addColumnIfMissing(sqlite, 'sync_row_versions', 'deleted', 'INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))');
    // Who made the row's last change: a conflict names both officers.
    addColumnIfMissing(sqlite, 'sync_row_versions', 'user_id', 'TEXT');
    // The time of the insertion whose values the row holds where no update wrote since: a field's
    // version when sync_field_versions has none for it.
    addColumnIfMissing(sqlite, 'sync_row_versions', 'born_hlc', 'TEXT');
    // A desk paired before: each field of its rows has at least the row's last change's time.
    sqlite.exec(`UPDATE sync_row_versions SET born_hlc = hlc WHERE born_hlc IS NULL`);
    // Only the fields an update wrote: a field never updated has its row's first version.
    sqlite.exec(`CREATE TABLE IF NOT EXISTS sync_field_versions (
      entity TEXT NOT NULL,
      row_id TEXT NOT NULL,
      field TEXT NOT NULL,
      hlc TEXT NOT NULL,
      user_id TEXT NOT NULL,
      PRIMARY KEY (entity, row_id, field)
    ) STRICT, WITHOUT ROWID`);
    // A received change is taken in the office's order and then leaves the inbox; one that cannot be
    // taken yet (the row it changes is missing, a rule of the table refuses it) stays, with why.
    addColumnIfMissing(sqlite, 'sync_inbox', 'held_reason', 'TEXT');
    // An update's base field by field: the version of each field it changed that its writer saw (its
    // row's base tells only of the row, which another field's edit moves on).
    addColumnIfMissing(sqlite, 'sync_outbox', 'field_bases', 'TEXT');
    addColumnIfMissing(sqlite, 'sync_inbox', 'field_bases', 'TEXT');
    sqlite.exec(`CREATE TABLE IF NOT EXISTS sync_conflicts (
      id TEXT PRIMARY KEY NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('field', 'deleted', 'duplicate', 'stage', 'number')),
      entity TEXT NOT NULL,
      row_id TEXT NOT NULL,
      field TEXT,
      kept_hlc TEXT NOT NULL,
      kept_user_id TEXT NOT NULL,
      kept_value TEXT CHECK (kept_value IS NULL OR json_valid(kept_value)),
      lost_hlc TEXT NOT NULL,
      lost_user_id TEXT NOT NULL,
      lost_value TEXT CHECK (lost_value IS NULL OR json_valid(lost_value)),
      -- The person the row is about, if any: their erasure removes the copies of their values kept here.
      person_id TEXT,
      found_at TEXT NOT NULL
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS sync_conflicts_by_row ON sync_conflicts (entity, row_id)`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS sync_conflicts_by_person ON sync_conflicts (person_id) WHERE person_id IS NOT NULL`);
    // A supervisor's settlement of a conflict, shared with every desk (its id is the conflict's,
    // which every desk derives alike from the two changes).
    sqlite.exec(`CREATE TABLE IF NOT EXISTS conflict_settlements (
      id TEXT PRIMARY KEY NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('kept', 'other_kept', 'merged', 'renumbered')),
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), updated_by TEXT NOT NULL REFERENCES users(id)
    ) STRICT`);
    // A file merged into another (the same person registered twice): its rows moved to the other and
    // it was deleted; this is what remains of it, for the rows other desks made for it meanwhile to
    // follow it, and for its file number to be found.
    sqlite.exec(`CREATE TABLE IF NOT EXISTS beneficiary_merges (
      id TEXT PRIMARY KEY NOT NULL,
      merged_id TEXT NOT NULL UNIQUE,
      merged_file_number TEXT NOT NULL,
      into_id TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), updated_by TEXT NOT NULL REFERENCES users(id)
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS beneficiary_merges_into ON beneficiary_merges (into_id)`);
    // One entry of a list (an authority, a request type, a holiday) added at two desks while apart:
    // every desk keeps the one added first, and what names the other is taken as naming it.
    sqlite.exec(`CREATE TABLE IF NOT EXISTS sync_aliases (
      entity TEXT NOT NULL,
      alias_id TEXT NOT NULL,
      into_id TEXT NOT NULL,
      PRIMARY KEY (entity, alias_id)
    ) STRICT, WITHOUT ROWID`);
    recreateCaptureTriggers(sqlite);
  },
};

/**
 * One ID number, or one printed number, on two records: two desks apart may each register the same
 * person, and a desk that worked alone before it was paired gave file, request, complaint and letter
 * numbers another desk gave too. Both records must stay until a supervisor merges the files or gives
 * one of them a new number, so these columns are no longer unique in their tables (a desk still
 * refuses, with its message, to register an ID number it already holds, and numbers from the office
 * server's blocks never meet). SQLite cannot drop a column's constraint in place: each table is made
 * again, same columns, same rows (their seq too, the name index's key), same indexes and triggers.
 */
function allowTwinsAcrossDesks(sqlite: Database.Database): void {
  remakeWithout(sqlite, 'beneficiaries', ['file_number TEXT NOT NULL UNIQUE,', 'id_number TEXT NOT NULL UNIQUE,']);
  remakeWithout(sqlite, 'requests', ['number TEXT NOT NULL UNIQUE,']);
  remakeWithout(sqlite, 'complaints', ['number TEXT NOT NULL UNIQUE,']);
  // What the unique constraints' indexes served: finding a record by its number or ID number.
  sqlite.exec('CREATE INDEX IF NOT EXISTS beneficiaries_by_id_number ON beneficiaries (id_number, id_type)');
  sqlite.exec('CREATE INDEX IF NOT EXISTS beneficiaries_by_file_number ON beneficiaries (file_number)');
  sqlite.exec('CREATE INDEX IF NOT EXISTS requests_by_number ON requests (number)');
  sqlite.exec('CREATE INDEX IF NOT EXISTS complaints_by_number ON complaints (number)');
  sqlite.exec('DROP INDEX IF EXISTS letters_outgoing_number');
  sqlite.exec(`CREATE INDEX letters_outgoing_number ON letters (number) WHERE direction = 'outgoing'`);
}

/** Makes a table again without the unique constraints given (as written in its definition), keeping its rows, indexes and triggers. */
function remakeWithout(sqlite: Database.Database, table: string, constraints: readonly string[]): void {
  const { sql: tableSql } = sqlite.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) as { sql: string };
  let remade = tableSql.replace(new RegExp(`^CREATE TABLE ${table}\\b`), `CREATE TABLE ${table}_remade`);
  // Made again already (this migration run again on its own work): nothing to do.
  if (constraints.every((constraint) => !remade.includes(constraint))) return;
  for (const constraint of constraints) {
    if (!remade.includes(constraint)) throw new Error(`${table} is not declared as this migration expects: ${constraint}`);
    remade = remade.replace(constraint, constraint.replace(' UNIQUE,', ','));
  }
  const dependents = sqlite.prepare("SELECT sql FROM sqlite_schema WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL ORDER BY type").pluck().all(table) as string[];
  sqlite.exec(remade);
  sqlite.exec(`INSERT INTO ${table}_remade SELECT * FROM ${table}`);
  sqlite.exec(`DROP TABLE ${table}`);
  sqlite.exec(`ALTER TABLE ${table}_remade RENAME TO ${table}`);
  for (const statement of dependents) sqlite.exec(statement);
}

/**
 * The starter library's articles were given random ids when each desk received them: they take the
 * ids every desk now gives them (db/fixed-ids.ts), in the order they were
 * written, and the inquiries answered from them follow, so that paired desks hold one copy of the library.
 */
function shareTheStarterLibrary(sqlite: Database.Database): void {
  const starter = sqlite
    .prepare("SELECT id FROM articles WHERE created_by = '00000000-0000-7000-8000-000000000001' AND id NOT LIKE '019ab9a0-0000-7000-8000-00000000c%' ORDER BY rowid")
    .pluck()
    .all() as string[];
  const renameArticle = sqlite.prepare('UPDATE articles SET id = ? WHERE id = ?');
  const followInquiries = sqlite.prepare('UPDATE inquiries SET article_id = ? WHERE article_id = ?');
  starter.forEach((id, index) => {
    const shared = starterArticleId(index);
    renameArticle.run(shared, id);
    followInquiries.run(shared, id);
  });
}
