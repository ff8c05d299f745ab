// Every database reaches the newest schema: an empty one and one left at each earlier version, to
// the very same tables, columns and indexes. And the Kysely types in db/schema.ts describe the tables
// the migrations make, column for column: a column added to one and not the other fails here.
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/connection';
import { latestSchemaVersion, migrate } from '../../db/migrate';
import { migrations, type Migration } from '../../db/migrations/index';
import { tempDir } from '../support/database';
import { declaredSchema, type TypedColumn } from '../support/declared-schema';

const ROOT = resolve(__dirname, '..', '..');
const folders: string[] = [];
const handles: OpenedDatabase[] = [];

afterEach(() => {
  for (const opened of handles.splice(0)) if (opened.sqlite.open) opened.sqlite.close();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function newDatabase(): Database.Database {
  const dir = tempDir();
  folders.push(dir);
  const opened = openDatabase(join(dir, 'wasl.db'), { key: randomBytes(32) });
  handles.push(opened);
  return opened.sqlite;
}

/** Everything the schema is made of: each table, index, trigger and view with its SQL, and each table's columns. */
function schemaOf(sqlite: Database.Database) {
  const objects = sqlite
    .prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`)
    .all() as Array<{ type: string; name: string; tbl_name: string; sql: string | null }>;
  const columns = Object.fromEntries(
    objects.filter((object) => object.type === 'table').map((table) => [table.name, columnsOf(sqlite, table.name)]),
  );
  return { objects, columns };
}

interface Column {
  name: string;
  type: string;
  notnull: number;
  pk: number;
  dflt_value: string | null;
}

const columnsOf = (sqlite: Database.Database, table: string) =>
  sqlite.prepare('SELECT name, type, "notnull", pk, dflt_value FROM pragma_table_info(?) ORDER BY cid').all(table) as Column[];

describe('migrating', () => {
  it('brings an empty database to the newest version', () => {
    const sqlite = newDatabase();
    expect(migrate(sqlite).to).toBe(latestSchemaVersion());
    expect(latestSchemaVersion()).toBe(migrations.length);
  });

  it.each(migrations.slice(0, -1).map((migration) => migration.version))(
    'brings a database left at version %i to the same schema as an empty one',
    (version) => {
      const fresh = newDatabase();
      migrate(fresh);
      const older = newDatabase();
      migrate(older, migrations.slice(0, version));
      expect(migrate(older).applied).toEqual(migrations.slice(version).map((migration) => `${migration.version}-${migration.name}`));
      expect(schemaOf(older)).toEqual(schemaOf(fresh));
    },
  );

  it('runs a code migration inside its transaction, and undoes it whole when it throws', () => {
    const sqlite = newDatabase();
    const first: Migration = { version: 1, name: 'first', statements: ['CREATE TABLE kept (x INTEGER) STRICT'] };
    const failing: Migration = {
      version: 2,
      name: 'fix-in-code',
      run(connection) {
        expect(connection.inTransaction).toBe(true);
        connection.prepare('INSERT INTO kept (x) VALUES (?)').run(1);
        throw new Error('the fix found a row it cannot mend');
      },
    };
    expect(() => migrate(sqlite, [first, failing])).toThrow(/cannot mend/);
    expect(sqlite.prepare('SELECT count(*) FROM kept').pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(1);

    const fixed: Migration = { version: 2, name: 'fix-in-code', run: (connection) => void connection.prepare('INSERT INTO kept (x) VALUES (?)').run(2) };
    expect(migrate(sqlite, [first, fixed]).applied).toEqual(['2-fix-in-code']);
    expect(sqlite.prepare('SELECT x FROM kept').pluck().all()).toEqual([2]);
  });

  it('refuses a list that does not count up by one, before touching the database', () => {
    const sqlite = newDatabase();
    const first: Migration = { version: 1, name: 'first', statements: ['CREATE TABLE kept (x INTEGER) STRICT'] };
    const skipped: Migration = { version: 3, name: 'skipped-two', statements: ['CREATE TABLE later (x INTEGER) STRICT'] };
    expect(() => migrate(sqlite, [first, skipped])).toThrow(/numbered 3 where 2 belongs/);
    expect(() => migrate(sqlite, [first, first])).toThrow(/numbered 1 where 2 belongs/);
    expect(sqlite.prepare(`SELECT count(*) FROM sqlite_master`).pluck().get()).toBe(0);
  });
});

// ---- db/schema.ts against the tables ----------------------------------------------------------

/** Tables the migrations make that the Kysely types leave out on purpose: reached only through SQL. */
const TABLES_OUTSIDE_THE_TYPES = new Set([
  // The FTS5 name index, its vocabulary view and its shadow tables: written and read by db/queries/name-index.ts.
  'beneficiary_name_index',
  'beneficiary_name_terms',
  // The close-spelling words and their deletions: db/queries/name-index.ts.
  'name_words',
  'name_word_deletions',
  // Contacts counted per day, channel, purpose and officer, kept by triggers for the report's figures.
  'contact_counts',
]);
const isFtsShadowTable = (name: string) => /^beneficiary_name_index_(data|idx|content|docsize|config)$/.test(name);

/** The tables of a migrated database (FTS shadow tables aside), each with its columns as the types would say them. */
function heldSchema(sqlite: Database.Database): Map<string, TypedColumn[]> {
  const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  return new Map(
    tables
      .filter((table) => !isFtsShadowTable(table))
      .map((table) => [
        table,
        // An INTEGER PRIMARY KEY is the rowid: pragma says it may be null, but it never is.
        columnsOf(sqlite, table).map((column) => ({ name: column.name, nullable: column.notnull === 0 && column.pk === 0 })),
      ]),
  );
}

/** Every difference between the declared and the held schema, one sentence each. */
function schemaMismatches(declared: Map<string, TypedColumn[]>, held: Map<string, TypedColumn[]>, outsideTheTypes: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const table of held.keys()) {
    if (!declared.has(table) && !outsideTheTypes.has(table)) found.push(`table ${table} is in the database, not in the types`);
  }
  for (const [table, columns] of declared) {
    const heldColumns = held.get(table);
    if (!heldColumns) {
      found.push(`table ${table} is in the types, not in the database`);
      continue;
    }
    for (const column of columns) {
      const inDatabase = heldColumns.find((candidate) => candidate.name === column.name);
      if (!inDatabase) found.push(`${table}.${column.name} is in the types, not in the database`);
      else if (inDatabase.nullable !== column.nullable) {
        found.push(`${table}.${column.name} is ${column.nullable ? 'nullable' : 'not nullable'} in the types, ${inDatabase.nullable ? 'nullable' : 'not nullable'} in the database`);
      }
    }
    for (const column of heldColumns) {
      if (!columns.some((candidate) => candidate.name === column.name)) found.push(`${table}.${column.name} is in the database, not in the types`);
    }
  }
  for (const table of outsideTheTypes) if (!held.has(table)) found.push(`${table} is listed as outside the types but no migration makes it`);
  return found;
}

describe('db/schema.ts', () => {
  it('describes every table and column the migrations make, nullable where the database allows null', () => {
    const sqlite = newDatabase();
    migrate(sqlite);
    expect(schemaMismatches(declaredSchema(join(ROOT, 'db', 'schema.ts')), heldSchema(sqlite), TABLES_OUTSIDE_THE_TYPES)).toEqual([]);
  });

  it('is caught out by a column, a table or a null that the other side does not have', () => {
    const dir = tempDir();
    folders.push(dir);
    const file = join(dir, 'schema.ts');
    writeFileSync(
      file,
      `export interface DatabaseSchema { things: ThingTable; ghosts: { id: string } }
       interface Stamped { id: string }
       interface ThingTable extends Stamped { note: string; added_in_types_only: number }`,
    );
    const sqlite = newDatabase();
    sqlite.exec(`CREATE TABLE things (id TEXT PRIMARY KEY NOT NULL, note TEXT, added_in_sql_only INTEGER) STRICT`);
    sqlite.exec(`CREATE TABLE untyped (id TEXT) STRICT`);
    expect(schemaMismatches(declaredSchema(file), heldSchema(sqlite), new Set())).toEqual([
      'table untyped is in the database, not in the types',
      'things.note is not nullable in the types, nullable in the database',
      'things.added_in_types_only is in the types, not in the database',
      'things.added_in_sql_only is in the database, not in the types',
      'table ghosts is in the types, not in the database',
    ]);
  });
});
