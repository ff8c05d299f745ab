// The database file itself: encrypted at rest, refused with a wrong key, opened with the settings
// that keep data safe, brought up to date by migrations that are all-or-nothing, and indexed so the
// desk's frequent queries never scan a table.
import { randomBytes } from 'node:crypto';
import { openSync, readFileSync, readSync, closeSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseOpenError, openDatabase, type OpenedDatabase } from '../../db/connection';
import { latestSchemaVersion, migrate } from '../../db/migrate';
import { migrations, type Migration } from '../../db/migrations/index';
import { selectSummaries } from '../../electron/services/beneficiaries/queries';
import { phoneOwners } from '../../electron/services/search/service';
import { ADMIN, expectError, expectOk, openTestHost, openTestWasl, snapshotDatabase, tempDir, validFields } from '../support/database';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

const folders: string[] = [];
const openHandles: OpenedDatabase[] = [];

/** A path for a new database file in its own temporary folder (deleted after the test). */
function newDatabasePath(): string {
  const dir = tempDir();
  folders.push(dir);
  return join(dir, 'wasl.db');
}

/** Opens a database the way the app does (key, pragmas), closed after the test. */
function open(path: string, key: Buffer): OpenedDatabase {
  const opened = openDatabase(path, { key });
  openHandles.push(opened);
  return opened;
}

/** Closes a handle now (a later close in afterEach is harmless). */
function closeNow(opened: OpenedDatabase): void {
  if (opened.sqlite.open) opened.sqlite.close();
}

function firstBytes(path: string, count: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(count);
    readSync(fd, buffer, 0, count, 0);
    return buffer;
  } finally {
    closeSync(fd);
  }
}

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return expect.fail('expected the action to throw');
}

afterEach(() => {
  for (const opened of openHandles.splice(0)) closeNow(opened);
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('encryption at rest', () => {
  it('writes a file that does not start with the plain SQLite header and holds no readable name', async () => {
    const wasl = await openTestWasl();
    folders.push(wasl.dir);
    const path = wasl.databasePath;
    expectOk(await wasl.dispatch('beneficiaries.register', { fields: validFields({ familyName: 'الزهراني', latinName: 'Plaintext Marker' }) }));
    await wasl.close();

    expect(firstBytes(path, 16).equals(SQLITE_HEADER)).toBe(false);
    // Neither the database nor the keyring beside it holds the key or a name in clear.
    expect(readFileSync(wasl.wasl.keyringPath).includes(Buffer.from(wasl.key.toString('hex')))).toBe(false);
    expect(readFileSync(wasl.wasl.keyringPath).includes(wasl.key)).toBe(false);
    for (const file of [path, `${path}-wal`, wasl.wasl.keyringPath].filter(existsSync)) {
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from('الزهراني', 'utf8')), file).toBe(false);
      expect(bytes.includes(Buffer.from('Plaintext Marker', 'utf8')), file).toBe(false);
      expect(bytes.includes(Buffer.from('CREATE TABLE', 'utf8')), file).toBe(false);
    }
  });

  it('cannot be read by SQLite without the key (SQLITE_NOTADB)', () => {
    const path = newDatabasePath();
    const opened = open(path, randomBytes(32));
    migrate(opened.sqlite);
    closeNow(opened);

    const plain = new Database(path);
    try {
      const error = thrownBy(() => plain.prepare('SELECT count(*) FROM sqlite_master').get());
      expect((error as { code?: string }).code).toBe('SQLITE_NOTADB');
    } finally {
      plain.close();
    }
  });

  it('refuses a wrong key with DatabaseOpenError wrong_key and a message a person can act on', () => {
    const path = newDatabasePath();
    const opened = open(path, randomBytes(32));
    migrate(opened.sqlite);
    closeNow(opened);

    const error = thrownBy(() => openDatabase(path, { key: randomBytes(32) }));
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as DatabaseOpenError).reason).toBe('wrong_key');
    expect((error as DatabaseOpenError).message).toMatch(/key is wrong/);
  });

  it('refuses a key that is not 256 bits before touching the file', () => {
    const path = newDatabasePath();
    expect(() => openDatabase(path, { key: randomBytes(16) })).toThrow(/32 bytes/);
    expect(existsSync(path)).toBe(false);
  });

  it('opens again with the right key and finds what was written', () => {
    const path = newDatabasePath();
    const key = randomBytes(32);
    const first = open(path, key);
    migrate(first.sqlite);
    closeNow(first);

    const second = open(path, key);
    expect(second.sqlite.prepare('SELECT count(*) AS n FROM districts').get()).toEqual({ n: 21 });
  });
});

describe('connection settings', () => {
  it('applies the pragmas every connection needs', () => {
    const { sqlite } = open(newDatabasePath(), randomBytes(32));
    const pragma = (name: string) => sqlite.pragma(name, { simple: true });
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('synchronous')).toBe(2); // FULL
    expect(pragma('foreign_keys')).toBe(1);
    expect(pragma('busy_timeout')).toBe(5000);
    expect(pragma('temp_store')).toBe(2); // MEMORY
    expect(pragma('mmap_size')).toBe(0);
    expect(pragma('cipher')).toBe('sqlcipher');
    // SQLite3 Multiple Ciphers (not SQLCipher) is the encrypting build; it names itself here.
    expect(sqlite.prepare('SELECT sqlite3mc_version()').pluck().get()).toMatch(/^SQLite3 Multiple Ciphers /);
  });

  it('enforces foreign keys', () => {
    const { sqlite } = open(newDatabasePath(), randomBytes(32));
    migrate(sqlite);
    expect(() =>
      sqlite
        .prepare(
          `INSERT INTO beneficiary_phones (id, beneficiary_id, phone, phone_reversed, position, created_at, updated_at, created_by, updated_by)
           VALUES ('x', 'nobody', '+966551234567', '765432155669', 0, 'now', 'now', '00000000-0000-7000-8000-000000000001', '00000000-0000-7000-8000-000000000001')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('migrations', () => {
  const names = (sqlite: Database.Database) =>
    sqlite.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as Array<{ version: number; name: string }>;

  it('run every migration on an empty database and record each with its name', () => {
    const { sqlite } = open(newDatabasePath(), randomBytes(32));
    const fixed = new Date('2025-03-01T08:00:00.000Z');
    const report = migrate(sqlite, migrations, () => fixed);

    expect(report).toEqual({
      from: 0,
      to: latestSchemaVersion(),
      applied: migrations.map((migration) => `${migration.version}-${migration.name}`),
    });
    expect(names(sqlite)).toEqual(migrations.map(({ version, name }) => ({ version, name })));
    expect(sqlite.prepare('SELECT DISTINCT applied_at FROM schema_migrations').pluck().all()).toEqual([fixed.toISOString()]);
    expect(sqlite.prepare('SELECT count(*) FROM districts').pluck().get()).toBe(21);
    expect(sqlite.prepare('SELECT username FROM users').pluck().all()).toEqual(['desk']);
  });

  it('number the migrations 1, 2, 3… in order', () => {
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
  });

  it('change nothing when run a second time', () => {
    const path = newDatabasePath();
    const key = randomBytes(32);
    const opened = open(path, key);
    migrate(opened.sqlite);
    const before = snapshotDatabase(path, key);

    const again = migrate(opened.sqlite);

    expect(again).toEqual({ from: latestSchemaVersion(), to: latestSchemaVersion(), applied: [] });
    expect(snapshotDatabase(path, key)).toEqual(before);
  });

  /** A database as a Wasl `versionsAhead` schema versions newer than this one would leave it. */
  const writtenByNewerWasl = (path: string, key: Buffer, versionsAhead: number) => {
    const opened = open(path, key);
    migrate(opened.sqlite);
    opened.sqlite
      .prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from-the-future', '2030-01-01T00:00:00.000Z')`)
      .run(latestSchemaVersion() + versionsAhead);
    return opened;
  };

  it('refuse a database written by a newer Wasl (newer_version) and leave it untouched', () => {
    const path = newDatabasePath();
    const key = randomBytes(32);
    const opened = writtenByNewerWasl(path, key, 1);
    const before = snapshotDatabase(path, key);

    const error = thrownBy(() => migrate(opened.sqlite));
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as DatabaseOpenError).reason).toBe('newer_version');
    expect((error as DatabaseOpenError).message).toMatch(/newer version/);
    expect(snapshotDatabase(path, key)).toEqual(before);
  });

  it('make signing in refuse a newer database with newer_version and leave the file untouched', async () => {
    const wasl = await openTestWasl();
    folders.push(wasl.dir);
    await wasl.close();
    closeNow(writtenByNewerWasl(wasl.databasePath, wasl.key, 5));
    const before = snapshotDatabase(wasl.databasePath, wasl.key);

    const { wasl: reopened } = openTestHost(wasl.dir);
    const error = expectError(await reopened.dispatch('session.signIn', { username: ADMIN.username, password: ADMIN.password }));
    expect(error).toMatchObject({ code: 'database_unavailable', messageKey: 'database.newer_version' });
    await reopened.close();
    expect(snapshotDatabase(wasl.databasePath, wasl.key)).toEqual(before);
  });

  it('refuse a database when this build knows fewer migrations than it holds', () => {
    const { sqlite } = open(newDatabasePath(), randomBytes(32));
    migrate(sqlite);
    const error = thrownBy(() => migrate(sqlite, migrations.slice(0, 1)));
    expect((error as DatabaseOpenError).reason).toBe('newer_version');
  });

  it('roll back a failing migration entirely, without recording it, and keep the earlier ones', () => {
    const { sqlite } = open(newDatabasePath(), randomBytes(32));
    const first: Migration = { version: 1, name: 'first', statements: ['CREATE TABLE kept (x INTEGER) STRICT'] };
    const failing: Migration = {
      version: 2,
      name: 'failing',
      statements: [
        'CREATE TABLE half_done (x INTEGER) STRICT',
        'THIS IS NOT SQL',
        'INSERT INTO kept (x) VALUES (1)',
      ],
    };

    expect(() => migrate(sqlite, [first, failing])).toThrow(/syntax error/);

    const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
    expect(tables).toContain('kept');
    expect(tables).not.toContain('half_done');
    expect(names(sqlite)).toEqual([{ version: 1, name: 'first' }]);
    expect(sqlite.prepare('SELECT count(*) FROM kept').pluck().get()).toBe(0);
    expect(sqlite.inTransaction).toBe(false);

    // Once fixed, the migration runs from where the database stopped.
    const fixed: Migration = { ...failing, statements: ['CREATE TABLE half_done (x INTEGER) STRICT'] };
    expect(migrate(sqlite, [first, fixed])).toEqual({ from: 1, to: 2, applied: ['2-failing'] });
    expect(names(sqlite)).toEqual([
      { version: 1, name: 'first' },
      { version: 2, name: 'failing' },
    ]);
  });
});

describe('query plans of the queries that must be fast', () => {
  /** The plan's detail lines for a compiled Kysely query. */
  function planOf(opened: OpenedDatabase, query: { sql: string; parameters: readonly unknown[] }): string[] {
    return (opened.sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.parameters) as Array<{ detail: string }>).map(
      (row) => row.detail,
    );
  }

  /** No line of the plan reads a whole ordinary table. */
  const scansNoTable = (plan: string[]) => plan.filter((line) => /^SCAN /.test(line) && !/VIRTUAL TABLE/.test(line));

  function migrated(): OpenedDatabase {
    const opened = open(newDatabasePath(), randomBytes(32));
    migrate(opened.sqlite);
    return opened;
  }

  it('finds an ID number by prefix range through the id_number index', () => {
    const opened = migrated();
    const plan = planOf(
      opened,
      selectSummaries(opened.db).where('b.id_number', '>=', '1045').where('b.id_number', '<', '1045:').orderBy('b.id_number').limit(11).compile(),
    );
    expect(plan[0]).toMatch(/^SEARCH b USING INDEX beneficiaries_by_id_number \(id_number>\? AND id_number<\?\)$/);
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    expect(scansNoTable(plan)).toEqual([]);
  });

  it('finds phones by their start and by their last digits through the phone indexes, limited inside the index walk', () => {
    const opened = migrated();
    for (const [column, from, index] of [
      ['phone', '+96655', 'beneficiary_phones_phone'],
      ['phone_reversed', '4321', 'beneficiary_phones_reversed'],
    ] as const) {
      const plan = planOf(opened, phoneOwners(opened.db, column, from, 11).compile());
      expect(plan).toContain(`SEARCH p USING INDEX ${index} (${column}>? AND ${column}<?)`);
      expect(scansNoTable(plan)).toEqual([]);
    }
  });

  it('lists one category sorted by name through beneficiaries_category, without a sort step', () => {
    const opened = migrated();
    const plan = planOf(
      opened,
      selectSummaries(opened.db).where('b.category', '=', 'prisoner').orderBy('b.name_normalized').orderBy('b.seq').limit(50).offset(100).compile(),
    );
    expect(plan[0]).toBe('SEARCH b USING INDEX beneficiaries_category (category=?)');
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
    expect(plan).toContain('SEARCH p USING INDEX beneficiary_phones_owner (beneficiary_id=?)');
    expect(scansNoTable(plan)).toEqual([]);
  });

  it('pages "newest first" on indexes alone: the table backwards unfiltered, the filter\'s covering index otherwise', () => {
    const opened = migrated();
    const newest = (filter?: readonly ['status' | 'category' | 'eligibility', string]) => {
      let query = opened.db.selectFrom('beneficiaries as b');
      if (filter) query = query.where(`b.${filter[0]}`, '=', filter[1]);
      return planOf(opened, query.orderBy('b.seq', 'desc').select('b.seq').limit(50).offset(24_950).compile()).join(' | ');
    };
    expect(newest()).toBe('SCAN b');
    for (const filter of [['status', 'active'], ['category', 'prisoner'], ['eligibility', 'eligible']] as const) {
      expect(newest(filter)).toMatch(new RegExp(`^SEARCH b USING COVERING INDEX beneficiaries_${filter[0]} \\(${filter[0]}=\\?\\)`));
    }
  });

  it('counts one category from the index alone', () => {
    const opened = migrated();
    const plan = planOf(
      opened,
      opened.db.selectFrom('beneficiaries as b').where('b.category', '=', 'prisoner').select((eb) => eb.fn.countAll().as('total')).compile(),
    );
    expect(plan).toHaveLength(1);
    expect(plan[0]).toBe('SEARCH b USING COVERING INDEX beneficiaries_category (category=?)');
  });

  it('finds people with the same folded name (duplicate check) through the name index', () => {
    const opened = migrated();
    const plan = planOf(opened, selectSummaries(opened.db).where('b.name_normalized', '=', 'محمد عبدالله سعد الحربي').limit(5).compile());
    expect(plan[0]).toMatch(/^SEARCH b USING INDEX beneficiaries_(name|category|district|eligibility|status) \(/);
    expect(plan[0]).toMatch(/name_normalized=\?/);
    expect(scansNoTable(plan)).toEqual([]);
  });

  it('matches name tokens through the FTS5 virtual table', () => {
    const opened = migrated();
    const plan = planOf(
      opened,
      sql`SELECT rowid AS seq FROM beneficiary_name_index WHERE beneficiary_name_index MATCH ${'"محمد" "سع"*'} LIMIT ${301}`.compile(opened.db),
    );
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatch(/^SCAN beneficiary_name_index VIRTUAL TABLE INDEX \d+:M/);
  });

  it('loads search candidates by seq through the primary key', () => {
    const opened = migrated();
    const plan = planOf(opened, selectSummaries(opened.db).where('b.seq', 'in', [1, 2, 3]).compile());
    expect(plan[0]).toMatch(/^SEARCH b USING INTEGER PRIMARY KEY \(rowid=\?\)$/);
    expect(scansNoTable(plan)).toEqual([]);
  });
});
