// Backups: made while the desk keeps working, as encrypted as the live database, rotated without
// touching anything that is not ours, restored only after every check passes (with a safety copy of
// what was there), and failing with a clear message (a vanished or read-only folder) without losing
// or half-writing anything. Real encrypted databases in temporary folders, a fake clock for the days.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, resolve } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseOpenError, openDatabase, type OpenedDatabase } from '../../db/connection';
import { latestSchemaVersion, migrate } from '../../db/migrate';
import type { BackupEntry, BackupMade, BackupManifest, BackupSettings, BackupStatus, RestoreReport } from '../../electron/api/backups';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import { createHash } from 'node:crypto';
import { readKeyring } from '../../electron/services/accounts/keyring';
import { backupNameAt, backupsToKeep, backupTimeOf, isoWeek } from '../../electron/services/backups/naming';
import { startBackupScheduler } from '../../electron/services/backups/scheduler';
import { listBackups } from '../../electron/services/backups/files';
import { readManifest, writeManifest, type ManifestVersion1 } from '../../electron/services/backups/manifest';
import { restoreFromFolder } from '../../electron/services/backups/service';
import { SYSTEM_USER_ID } from '../../electron/services/context';
import {
  ADMIN,
  createUser,
  expectError,
  expectOk,
  openTestHost,
  openTestWasl,
  signInAs,
  snapshotDatabase,
  tempDir,
  validFields,
  type TestWasl,
} from '../support/database';
import { onePagePdf } from '../support/scans';
import { databaseJobs, type DatabaseJobs } from '../../electron/services/jobs/database-jobs';

const PROJECT = resolve(__dirname, '..', '..');
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const MINUTE = 60 * 1000;
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const cleanups: Array<() => unknown> = [];

/** The long jobs' thread on the test's database, as the desk gives it to the backups service; closed at the end. */
function jobsOf(app: { databasePath: string; key: Buffer }): DatabaseJobs {
  const jobs = databaseJobs({ databasePath: app.databasePath, key: app.key });
  cleanups.push(() => jobs.close());
  return jobs;
}
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Wasl on a fresh database, signed in as its administrator, with a clock the test moves and a backup folder. */
async function setUp(start = '2026-11-25T07:30:00.000Z') {
  let now = new Date(start);
  const app = await openTestWasl({ clock: () => now });
  cleanups.push(() => app.cleanup());
  const folder = newFolder();
  return {
    app,
    folder,
    dispatch: app.dispatch,
    now: () => now,
    /** Moves the clock; the idle lock that a jump of hours sets off is undone as the officer would. */
    async advance(ms: number) {
      now = new Date(now.getTime() + ms);
      expectOk(await app.dispatch('session.unlock', { password: ADMIN.password }));
    },
    async configure(input: Record<string, unknown> = {}) {
      return expectOk<BackupSettings>(await app.dispatch('backups.configure', { folder, ...input }));
    },
    async backup(kind?: string) {
      return expectOk<BackupMade>(await app.dispatch('backups.run', kind === undefined ? {} : { kind }));
    },
    async register() {
      return expectOk<{ id: string }>(await app.dispatch('beneficiaries.register', { fields: validFields() })).id;
    },
    async status() {
      return expectOk<BackupStatus>(await app.dispatch('backups.status', {}));
    },
  };
}

function newFolder(): string {
  const folder = tempDir();
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** The backups' names in the folder, sorted, and everything else there. */
const entriesOf = (folder: string) => readdirSync(folder).sort();
const backupNamesIn = (folder: string) => entriesOf(folder).filter((name) => /^wasl-backup-[^.]+Z$/.test(name));

/**
 * Reads a database file (with its write-ahead log, for the live one) without changing it: opening
 * converts a file to WAL mode, so copies are opened.
 */
function inspect(path: string, key: Buffer) {
  const dir = tempDir();
  try {
    copyFileSync(path, join(dir, 'copy.db'));
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, join(dir, 'copy.db-wal'));
    const opened = openDatabase(join(dir, 'copy.db'), { key });
    try {
      const { sqlite } = opened;
      const settings = new Map(
        (sqlite.prepare('SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>).map((row) => [
          row.key,
          JSON.parse(row.value) as unknown,
        ]),
      );
      const audit = (sqlite.prepare('SELECT action, actor_id, summary FROM audit_log ORDER BY seq DESC LIMIT 10').all() as Array<{
        action: string;
        actor_id: string | null;
        summary: string;
      }>).map((row) => ({ ...row, summary: JSON.parse(row.summary) as Record<string, unknown> }));
      const hasWrites = sqlite.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'backup_test_writes'`).pluck().get() === 1;
      return {
        integrity: sqlite.pragma('integrity_check', { simple: true }) as string,
        ids: new Set(sqlite.prepare('SELECT id FROM beneficiaries').pluck().all() as string[]),
        withoutPhone: sqlite
          .prepare('SELECT count(*) FROM beneficiaries b WHERE NOT EXISTS (SELECT 1 FROM beneficiary_phones p WHERE p.beneficiary_id = b.id)')
          .pluck()
          .get() as number,
        /** What the other process wrote: each of its transactions writes a pair of rows. */
        writes: hasWrites
          ? (sqlite
              .prepare('SELECT count(DISTINCT n) AS transactions, coalesce(max(n), 0) AS last, count(*) AS rows FROM backup_test_writes')
              .get() as { transactions: number; last: number; rows: number })
          : null,
        setting: (name: string) => settings.get(name),
        lastAudit: () => audit,
      };
    } finally {
      opened.sqlite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A backup's manifest, its sealed part opened with the key. */
async function manifestOf(folder: string, name: string, key: Buffer): Promise<BackupManifest | null> {
  return (await readManifest(join(folder, name), name, key))?.manifest ?? null;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The files a backup or a restore prepares in the data directory; none may outlive the call. */
const stagingIn = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp') || name.includes('.partial'));

/** Everything but the rows a backup attempt is allowed to write: its status and its audit entry. */
const EXCEPT_BACKUP_RECORDS = { except: ['settings', 'audit_log', 'audit_changes'] } as const;

describe('making a backup', () => {
  it('writes a folder with the database, the keyring and a manifest, encrypted as the live database', async () => {
    const desk = await setUp();
    await desk.configure();
    const first = await desk.register();
    const made = await desk.backup();

    expect(made.name).toBe('wasl-backup-2026-11-25T07-30-00-000Z');
    expect(entriesOf(desk.folder)).toEqual([made.name]);
    expect(readdirSync(made.path).sort()).toEqual(['manifest.json', 'wasl.db', 'wasl.keyring']);
    const file = join(made.path, 'wasl.db');

    // Encrypted: no SQLite header, unreadable without the key, refused with a wrong key.
    expect(readFileSync(file).subarray(0, 16).equals(SQLITE_HEADER)).toBe(false);
    const plain = new Database(file, { readonly: true });
    try {
      expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    } finally {
      plain.close();
    }
    const wrongKey = Buffer.alloc(32, 7);
    expect(() => openDatabase(file, { key: wrongKey, readonly: true })).toThrow(DatabaseOpenError);

    // With the key: sound, holding what was saved.
    const copy = inspect(file, desk.app.key);
    expect(copy.integrity).toBe('ok');
    expect([...copy.ids]).toEqual([first]);

    // The keyring is the one that opens it; the manifest describes it.
    expect(readFileSync(join(made.path, 'wasl.keyring'), 'utf8')).toBe(readFileSync(desk.app.wasl.keyringPath, 'utf8'));
    const manifest = (await readManifest(made.path, made.name, desk.app.key))?.manifest;
    expect(manifest).toEqual(made.manifest);
    expect(manifest).toMatchObject({
      format: 'wasl-backup',
      version: 2,
      createdAt: '2026-11-25T07:30:00.000Z',
      kind: 'manual',
      appVersion: '0.0.0-test',
      schemaVersion: latestSchemaVersion(),
      databaseId: readKeyring(desk.app.wasl.keyringPath).databaseId,
      beneficiaries: 1,
      databaseBytes: statSync(file).size,
      databaseSha256: sha256(file),
    });
    expect(stagingIn(desk.app.dir)).toEqual([]);

    // Recorded: the home screen's status, and the audit log.
    expect(await desk.status()).toEqual({ configured: true, lastGoodBackupAt: '2026-11-25T07:30:00.000Z', lastError: null, stale: false });
    const live = inspect(desk.app.databasePath, desk.app.key);
    expect(live.lastAudit()[0]).toMatchObject({
      action: 'backup.made',
      actor_id: desk.app.adminId,
      summary: { name: made.name, kind: 'manual', beneficiaries: 1, removed: 0 },
    });
  });

  it('is consistent while another process keeps writing: every transaction committed before it, none half-written', async () => {
    const desk = await setUp();
    await desk.configure();
    await desk.register();
    const setup = openDatabase(desk.app.databasePath, { key: desk.app.key });
    setup.sqlite.exec('CREATE TABLE backup_test_writes (n INTEGER NOT NULL, part INTEGER NOT NULL) STRICT');
    setup.sqlite.close();
    const writer = startWriter(desk.app.databasePath, desk.app.key);
    cleanups.push(() => writer.stop());
    await writer.acks(200);
    const before = writer.acknowledged();
    const made = await desk.backup();
    const afterStart = writer.acknowledged();
    await writer.acks(afterStart + 50);
    await writer.stop();

    const copy = inspect(join(made.path, 'wasl.db'), desk.app.key);
    expect(copy.integrity).toBe('ok');
    // Every transaction acknowledged before the backup started, each one whole, no gaps.
    expect(copy.writes?.last).toBeGreaterThanOrEqual(before);
    expect(copy.writes?.transactions).toBe(copy.writes?.last);
    expect(copy.writes?.rows).toBe(2 * (copy.writes?.last ?? 0));
    expect(copy.ids.size).toBe(1);
    // The other process kept writing while the backup was made, and after.
    const live = inspect(desk.app.databasePath, desk.app.key);
    expect(live.writes?.last).toBeGreaterThanOrEqual(writer.acknowledged());
    expect(live.writes?.last).toBeGreaterThan(copy.writes?.last ?? 0);
  });

  it('takes every registration saved before it when the desk itself keeps saving', async () => {
    const desk = await setUp();
    await desk.configure();
    const saved: string[] = [];
    for (let index = 0; index < 10; index += 1) saved.push(await desk.register());
    // Registrations and the backup in flight together on the desk's one connection.
    const during = Array.from({ length: 10 }, () => desk.register());
    const made = await desk.backup();
    const after = await Promise.all(during);

    const copy = inspect(join(made.path, 'wasl.db'), desk.app.key);
    expect(copy.integrity).toBe('ok');
    expect(saved.filter((id) => !copy.ids.has(id))).toEqual([]);
    expect(copy.withoutPhone).toBe(0);
    expect(made.manifest.beneficiaries).toBe(copy.ids.size);
    expect([...copy.ids].filter((id) => !saved.includes(id) && !after.includes(id))).toEqual([]);
    expect(inspect(desk.app.databasePath, desk.app.key).ids.size).toBe(20);
  });

  it('lists the backups in the folder, newest first, with their manifests', async () => {
    const desk = await setUp();
    await desk.configure();
    const first = await desk.backup();
    await desk.advance(DAY); // two backups the same day: rotation keeps only the newer
    const second = await desk.backup('closing');
    const list = expectOk<BackupEntry[]>(await desk.dispatch('backups.list', {}));
    expect(list.map((entry) => entry.name)).toEqual([second.name, first.name]);
    expect(list[0]).toEqual({
      name: second.name,
      createdAt: '2026-11-26T07:30:00.000Z',
      databaseId: second.manifest.databaseId,
      manifest: second.manifest,
      fromThisDatabase: true,
    });
    expect(list[0]?.manifest?.kind).toBe('closing');
  });

  it('refuses to run while no folder is chosen, and says so', async () => {
    const desk = await setUp();
    expect(expectError(await desk.dispatch('backups.run', {}))).toMatchObject({ code: 'rule', messageKey: 'backups.notConfigured' });
    expect(await desk.status()).toEqual({ configured: false, lastGoodBackupAt: null, lastError: null, stale: true });
    expect(expectOk<BackupEntry[]>(await desk.dispatch('backups.list', {}))).toEqual([]);
  });
});

describe('rotation', () => {
  it('keeps the newest backup of each of the last 7 days and 4 weeks, and nothing else of ours', async () => {
    const desk = await setUp('2026-10-01T09:00:00.000Z'); // a Thursday
    await desk.configure();
    // Things in the folder that are not ours to delete.
    writeFileSync(join(desk.folder, 'notes.txt'), 'keep me');
    mkdirSync(join(desk.folder, 'wasl-backup-2020-01-01T00-00-00-000Z')); // no manifest: not provably ours
    const foreign = 'wasl-backup-2026-09-01T00-00-00-000Z';
    mkdirSync(join(desk.folder, foreign));
    writeFileSync(join(desk.folder, foreign, 'manifest.json'), JSON.stringify({ ...fakeManifest(), databaseId: 'another-installation' }));
    // Abandoned partial backups: an old one is removed, one from the last day may still be being written.
    const oldPartial = 'wasl-backup-2026-09-02T00-00-00-000Z.partial';
    const recentPartial = 'wasl-backup-2026-11-09T16-30-00-000Z.partial';
    mkdirSync(join(desk.folder, oldPartial));
    mkdirSync(join(desk.folder, recentPartial));

    // Forty days, two backups a day (morning and evening).
    for (let day = 0; day < 40; day += 1) {
      await desk.backup('daily');
      await desk.advance(8 * HOUR);
      await desk.backup('closing');
      await desk.advance(16 * HOUR);
    }

    const evening = (date: string) => `wasl-backup-${date}T17-00-00-000Z`;
    const expected = [
      // The last seven days (the last day, 9 November 2026, is a Monday).
      ...['2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08', '2026-11-09'].map(evening),
      // The newest of each of the last four ISO weeks: 9–15 Nov and 2–8 Nov are in the days already,
      // then Sunday 1 Nov and Sunday 25 Oct.
      evening('2026-11-01'),
      evening('2026-10-25'),
    ];
    const ours = backupNamesIn(desk.folder).filter((name) => existsSync(join(desk.folder, name, 'manifest.json')) && name !== foreign);
    expect(ours).toEqual([...expected].sort());
    expect(entriesOf(desk.folder)).toEqual(
      [...expected, 'notes.txt', 'wasl-backup-2020-01-01T00-00-00-000Z', foreign, recentPartial].sort(),
    );
    expect(existsSync(join(desk.folder, oldPartial))).toBe(false);

    // The administrator keeps less: three days, no weeks.
    await desk.configure({ keepDaily: 3, keepWeekly: 0 });
    await desk.advance(16 * HOUR); // Tuesday 10 November, 09:00
    const made = await desk.backup();
    expect(made.removed.sort()).toEqual(expected.filter((name) => ![evening('2026-11-08'), evening('2026-11-09')].includes(name)).sort());
    expect(backupNamesIn(desk.folder)).toEqual(
      ['wasl-backup-2020-01-01T00-00-00-000Z', foreign, evening('2026-11-08'), evening('2026-11-09'), made.name].sort(),
    );
  }, 120_000);

  it('names backups by their UTC time, and reads only such names back', () => {
    const at = new Date('2026-11-25T10:30:00.123Z');
    expect(backupNameAt(at)).toBe('wasl-backup-2026-11-25T10-30-00-123Z');
    expect(backupTimeOf(backupNameAt(at))).toEqual(at);
    for (const name of ['wasl-backup-2026-02-31T00-00-00-000Z', 'wasl-backup-2026-11-25T10-30-00-123Z.partial', 'wasl.db', '../x']) {
      expect(backupTimeOf(name), name).toBeNull();
    }
  });

  it('picks by UTC day and ISO week', () => {
    expect(isoWeek(new Date('2026-11-09T00:00:00Z'))).toBe('2026-W46');
    expect(isoWeek(new Date('2026-11-08T23:59:59Z'))).toBe('2026-W45');
    expect(isoWeek(new Date('2021-01-03T12:00:00Z'))).toBe('2020-W53');
    const at = (iso: string) => ({ name: iso, createdAt: new Date(iso) });
    const backups = [at('2026-11-09T08:00:00Z'), at('2026-11-09T17:00:00Z'), at('2026-11-08T17:00:00Z'), at('2026-11-01T17:00:00Z')];
    expect([...backupsToKeep(backups, { keepDaily: 1, keepWeekly: 0 })]).toEqual(['2026-11-09T17:00:00Z']);
    expect([...backupsToKeep(backups, { keepDaily: 1, keepWeekly: 3 })].sort()).toEqual(
      ['2026-11-01T17:00:00Z', '2026-11-08T17:00:00Z', '2026-11-09T17:00:00Z'],
    );
  });
});

/** A database with A saved, a backup of it, then B saved after the backup. */
async function withBackupThenMore() {
  const desk = await setUp();
  await desk.configure();
  const a = await desk.register();
  const made = await desk.backup();
  await desk.advance(HOUR);
  const b = await desk.register();
  return { desk, a, b, made };
}

/** Tries to restore, expects the refusal, and checks that nothing but its audit entry was written. */
async function expectRefused(desk: Awaited<ReturnType<typeof setUp>>, name: string, messageKey: string) {
  const before = snapshotDatabase(desk.app.databasePath, desk.app.key, { except: ['audit_log', 'audit_changes'] });
  const files = readdirSync(desk.app.dir).sort();
  const error = expectError(await desk.dispatch('backups.restore', { name }));
  expect(error.messageKey).toBe(messageKey);
  expect(snapshotDatabase(desk.app.databasePath, desk.app.key, { except: ['audit_log', 'audit_changes'] })).toEqual(before);
  expect(readdirSync(desk.app.dir).sort()).toEqual(files);
  expect(inspect(desk.app.databasePath, desk.app.key).lastAudit()[0]).toMatchObject({
    action: 'backup.failed',
    summary: { operation: 'restore', name, messageKey },
  });
}

describe('restoring a backup', () => {
  it('puts the backup in place, keeps a safety copy of what was there, and records the restore', async () => {
    const { desk, a, b, made } = await withBackupThenMore();
    const { app } = desk;
    // The desk closes and reopens the database for a restore; here a connection of the test's own
    // stands in for it (see the dispatcher test below for the desk's own).
    await app.close();
    let live: OpenedDatabase = openDatabase(app.databasePath, { key: app.key });
    cleanups.push(() => (live.sqlite.open ? live.close() : undefined));
    const swap = {
      closeDatabase: async () => {
        await live.close();
        if (live.sqlite.open) live.sqlite.close();
      },
      reopenDatabase: async () => {
        live = openDatabase(app.databasePath, { key: app.key });
        migrate(live.sqlite);
        return live;
      },
      openFile: async (path: string) => openMigrated(path, app.key),
    };
    const now = desk.now();
    const report: RestoreReport = await restoreFromFolder(
      {
        db: live.db,
        dataDirectory: app.dir,
        databasePath: app.databasePath,
        keyringPath: app.wasl.keyringPath,
        databaseKey: app.key,
        appVersion: '0.0.0-test',
        jobs: jobsOf(app),
        swap,
      },
      made.name,
      { actorId: app.adminId, now },
    );
    await live.close();
    expectRestored({ app, folder: desk.folder, a, b, made, report });
  });

  it('puts the database back as it was when the restored file will not open', async () => {
    const { desk, a, b, made } = await withBackupThenMore();
    const { app } = desk;
    await app.close();
    let live: OpenedDatabase = openDatabase(app.databasePath, { key: app.key });
    cleanups.push(() => (live.sqlite.open ? live.sqlite.close() : undefined));
    let reopened = 0;
    const swap = {
      closeDatabase: async () => {
        await live.close();
        if (live.sqlite.open) live.sqlite.close();
      },
      reopenDatabase: async () => {
        reopened += 1;
        // The first opening (of the restored file) fails, as a desk refusing the file would.
        if (reopened === 1) throw new Error('the restored file would not open');
        live = openDatabase(app.databasePath, { key: app.key });
        return live;
      },
      openFile: async (path: string) => openMigrated(path, app.key),
    };
    const deps = {
      db: live.db,
      dataDirectory: app.dir,
      databasePath: app.databasePath,
      keyringPath: app.wasl.keyringPath,
      databaseKey: app.key,
      appVersion: '0.0.0-test',
      jobs: jobsOf(app),
      swap,
    };
    await expect(restoreFromFolder(deps, made.name, { actorId: app.adminId, now: desk.now() })).rejects.toMatchObject({
      code: 'backup_failed',
      messageKey: 'backups.restoreFailed',
    });
    expect(reopened).toBe(2);
    expect(live.sqlite.open).toBe(true);
    live.sqlite.close();
    const after = inspect(app.databasePath, app.key);
    expect(after.integrity).toBe('ok');
    expect([...after.ids].sort()).toEqual([a, b].sort());
    expect(readdirSync(app.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves the database as it was when the checked copy cannot be given what happened since the backup', async () => {
    const { desk, a, b, made } = await withBackupThenMore();
    const { app } = desk;
    await app.close();
    let live: OpenedDatabase = openDatabase(app.databasePath, { key: app.key });
    cleanups.push(() => (live.sqlite.open ? live.sqlite.close() : undefined));
    const before = sha256(app.databasePath);
    let reopened = 0;
    const swap = {
      closeDatabase: async () => {
        await live.close();
        if (live.sqlite.open) live.sqlite.close();
      },
      reopenDatabase: async () => {
        reopened += 1;
        live = openDatabase(app.databasePath, { key: app.key });
        return live;
      },
      openFile: async (path: string) => {
        const opened = openMigrated(path, app.key);
        // The copy opens, but every write to it fails, as on a disk that turned read-only.
        opened.sqlite.exec(`CREATE TRIGGER refuse_carrying BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk'); END`);
        return opened;
      },
    };
    const deps = {
      db: live.db,
      dataDirectory: app.dir,
      databasePath: app.databasePath,
      keyringPath: app.wasl.keyringPath,
      databaseKey: app.key,
      appVersion: '0.0.0-test',
      jobs: jobsOf(app),
      swap,
    };
    await expect(restoreFromFolder(deps, made.name, { actorId: app.adminId, now: desk.now() })).rejects.toMatchObject({
      code: 'backup_failed',
      messageKey: 'backups.restoreFailed',
    });
    expect(reopened).toBe(1);
    live.sqlite.close();
    // The database file was never replaced, and nothing was left beside it.
    expect(sha256(app.databasePath)).toBe(before);
    expect([...inspect(app.databasePath, app.key).ids].sort()).toEqual([a, b].sort());
    expect(readdirSync(app.dir).filter((name) => name.endsWith('.tmp') || name.includes('before-restore'))).toEqual([]);
  });

  it('works through the dispatcher, the session going on on the restored database', async () => {
    const { desk, a, b, made } = await withBackupThenMore();
    const result = await desk.dispatch('backups.restore', { name: made.name });
    const report = expectOk<RestoreReport>(result);
    expectRestored({ app: desk.app, folder: desk.folder, a, b, made, report });
    // The session goes on, on the restored database.
    const page = expectOk<{ rows: Array<{ id: string }> }>(await desk.dispatch('beneficiaries.list', {}));
    expect(page.rows.map((row) => row.id)).toEqual([a]);
    expect(await desk.status()).toMatchObject({ lastGoodBackupAt: made.manifest.createdAt, stale: false });
  });

  it('does not bring back a person whose data was destroyed after the backup was made', async () => {
    const { desk, a, made } = await withBackupThenMore();
    const person = expectOk<{ fileNumber: string; idNumber: string }>(await desk.dispatch('beneficiaries.get', { id: a }));
    expectOk(await desk.dispatch('beneficiaries.erase', { id: a, reason: 'طلب المستفيد إتلاف بياناته', confirmFileNumber: person.fileNumber }));
    expectOk<RestoreReport>(await desk.dispatch('backups.restore', { name: made.name }));
    const restored = expectOk<{ erasedAt: string | null; idNumber: string }>(await desk.dispatch('beneficiaries.get', { id: a }));
    expect(restored.erasedAt).not.toBeNull();
    expect(restored.idNumber).not.toBe(person.idNumber);
    const found = expectOk<{ hits: unknown[] }>(await desk.dispatch('search.beneficiaries', { query: person.idNumber }));
    expect(found.hits).toEqual([]);
    const erasures = expectOk<{ entries: Array<{ action: string; summary: { reason?: string } }> }>(
      await desk.dispatch('audit.list', { beneficiaryId: a, action: 'beneficiary.erased' }),
    );
    expect(erasures.entries[0]?.summary.reason).toContain('طلب المستفيد إتلاف بياناته');
    expect(expectOk<{ intact: boolean }>(await desk.dispatch('audit.verify', {})).intact).toBe(true);
  });

  it('erases again the casework of a person erased after the backup was made: letters and their scans, requests, complaints, inquiries', async () => {
    const desk = await setUp();
    await desk.configure();
    const a = await desk.register();
    const call = async <T>(name: string, input: unknown) => expectOk<T>(await desk.dispatch(name, input));
    const scan = onePagePdf('wasl-scan-before-the-backup');
    const letter = await call<{ id: string }>('letters.register', {
      direction: 'incoming',
      number: '12/ب/1448',
      letterDate: '2026-11-20',
      authorityId: '019ab9a0-0000-7000-8000-00000000a001',
      subject: 'موضوع-خطاب-قبل-النسخة',
      beneficiaryId: a,
      scan: { fileName: 'scan.pdf', contentBase64: scan.toString('base64') },
    });
    const request = await call<{ id: string }>('requests.open', { beneficiaryId: a, typeId: '019ab9a0-0000-7000-8000-00000000b001', summary: 'ملخص-طلب-قبل-النسخة' });
    await call('complaints.receive', { kind: 'complaint', beneficiaryId: a, about: 'service', subject: 'موضوع-شكوى-قبل-النسخة', details: 'تفاصيل-قبل-النسخة' });
    await call('inquiries.ask', {
      contact: { beneficiaryId: a, channel: 'in_person', direction: 'incoming', summary: 'سؤال-قبل-النسخة' },
      answer: 'إجابة-قبل-النسخة',
      articleId: null,
    });
    const made = await desk.backup();
    await desk.advance(HOUR);
    const person = await call<{ fileNumber: string }>('beneficiaries.get', { id: a });
    await call('beneficiaries.erase', { id: a, reason: 'طلب المستفيد إتلاف بياناته', confirmFileNumber: person.fileNumber });

    await call<RestoreReport>('backups.restore', { name: made.name });

    const opened = openDatabase(desk.app.databasePath, { key: desk.app.key });
    try {
      const one = (query: string) => opened.sqlite.prepare(query).get(a);
      expect(one('SELECT subject, body FROM letters WHERE beneficiary_id = ?')).toEqual({ subject: 'محذوف', body: null });
      expect(one('SELECT a.content, a.file_name FROM attachments a JOIN letters l ON l.scan_id = a.id WHERE l.beneficiary_id = ?')).toEqual({ content: null, file_name: '' });
      expect(one('SELECT summary FROM requests WHERE beneficiary_id = ?')).toEqual({ summary: 'محذوف' });
      expect(one('SELECT subject, details FROM complaints WHERE beneficiary_id = ?')).toEqual({ subject: 'محذوف', details: null });
      expect(one('SELECT question, answer FROM inquiries WHERE beneficiary_id = ?')).toEqual({ question: '', answer: '' });
    } finally {
      opened.sqlite.close();
    }
    expect(expectOk<{ subject: string; scanErased: boolean }>(await desk.dispatch('letters.get', { id: letter.id }))).toMatchObject({ subject: 'محذوف', scanErased: true });
    expect(expectOk<{ summary: string }>(await desk.dispatch('requests.get', { id: request.id })).summary).toBe('محذوف');
    // The erasure made anew in the restored database says what of the casework went again.
    const erasures = expectOk<{ entries: Array<{ summary: { reason?: string; removed?: Record<string, number> } }> }>(
      await desk.dispatch('audit.list', { beneficiaryId: a, action: 'beneficiary.erased' }),
    );
    expect(erasures.entries[0]?.summary).toMatchObject({
      reason: expect.stringContaining(made.name),
      removed: { letters: 1, letterScans: 1, requests: 1, complaints: 1, inquiries: 1 },
    });
    expect(expectOk<{ intact: boolean }>(await desk.dispatch('audit.verify', {})).intact).toBe(true);
  });

  function expectRestored(found: { app: TestWasl; folder: string; a: string; b: string; made: BackupMade; report: RestoreReport }) {
    const { app, a, b, made, report } = found;
    expect(report).toEqual({
      name: made.name,
      createdAt: made.manifest.createdAt,
      schemaVersion: latestSchemaVersion(),
      beneficiaries: 1,
      safetyCopyPath: join(app.dir, 'wasl.db.before-restore-2026-11-25T08-30-00-000Z'),
    });
    const restored = inspect(app.databasePath, app.key);
    expect(restored.integrity).toBe('ok');
    expect([...restored.ids]).toEqual([a]);
    // The backup status is carried over: it describes the backups, not the registry.
    expect(restored.setting('backup.lastGoodAt')).toBe(made.manifest.createdAt);
    expect(restored.setting('backup.folder')).toBe(found.folder);
    expect(restored.lastAudit()[0]).toMatchObject({
      action: 'backup.restored',
      actor_id: app.adminId,
      summary: { name: made.name, createdAt: made.manifest.createdAt, beneficiaries: 1, safetyCopy: report.safetyCopyPath },
    });
    const safety = inspect(report.safetyCopyPath, app.key);
    expect(safety.integrity).toBe('ok');
    expect([...safety.ids].sort()).toEqual([a, b].sort());
    expect(readFileSync(report.safetyCopyPath).subarray(0, 16).equals(SQLITE_HEADER)).toBe(false);
    expect(stagingIn(app.dir)).toEqual([]);
    // The backup itself is untouched.
    expect(sha256(join(made.path, 'wasl.db'))).toBe(made.manifest.databaseSha256);
  }

  it('refuses a damaged backup and changes nothing', async () => {
    const { desk, made } = await withBackupThenMore();
    const file = join(made.path, 'wasl.db');
    const bytes = readFileSync(file);
    for (let index = 0; index < 64; index += 1) bytes[Math.floor(bytes.length / 2) + index]! ^= 0xff;
    writeFileSync(file, bytes);
    await expectRefused(desk, made.name, 'backups.damaged');

    // Damaged pages are found even when the manifest's checksum is made to match them.
    await resealManifest(desk.folder, made.name, desk.app.key, (manifest) => ({ ...manifest, databaseSha256: sha256(file) }));
    await expectRefused(desk, made.name, 'backups.damaged');
  });

  it('refuses a backup made by a newer version of Wasl and changes nothing', async () => {
    const { desk, made } = await withBackupThenMore();
    const file = join(made.path, 'wasl.db');
    const newer = openDatabase(file, { key: desk.app.key });
    newer.sqlite
      .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
      .run(latestSchemaVersion() + 1, 'from-the-future', '2027-01-01T00:00:00.000Z');
    newer.sqlite.close();
    await resealManifest(desk.folder, made.name, desk.app.key, (manifest) => ({
      ...manifest,
      schemaVersion: latestSchemaVersion() + 1,
      databaseSha256: sha256(file),
      databaseBytes: statSync(file).size,
    }));
    await expectRefused(desk, made.name, 'backups.newerSchema');
  });

  it("refuses another installation's backup, and a backup that is not there", async () => {
    const { desk, made } = await withBackupThenMore();
    // Another Wasl backing up to the same shared folder.
    const other = await setUp();
    expectOk(await other.dispatch('backups.configure', { folder: desk.folder }));
    const theirs = await other.backup();
    await expectRefused(desk, theirs.name, 'backups.otherDatabase');
    const listed = expectOk<BackupEntry[]>(await desk.dispatch('backups.list', {}));
    expect(listed.map((entry) => [entry.name, entry.fromThisDatabase])).toEqual(
      [[theirs.name, false], [made.name, true]].sort((x, y) => (String(x[0]) < String(y[0]) ? 1 : -1)),
    );

    // Same id claimed in a manifest of the earlier, all-clear kind, but the file is sealed with the
    // other installation's key.
    const claimed = version1ManifestOf({ ...theirs.manifest, databaseId: made.manifest.databaseId });
    writeFileSync(join(desk.folder, theirs.name, 'manifest.json'), JSON.stringify(claimed));
    rmSync(join(desk.folder, theirs.name, 'wasl.keyring'));
    await expectRefused(desk, theirs.name, 'backups.otherKey');

    const missing = expectError(await desk.dispatch('backups.restore', { name: 'wasl-backup-2001-01-01T00-00-00-000Z' }));
    expect(missing).toMatchObject({ code: 'not_found', messageKey: 'notFound.backup' });
    const hostile = expectError(await desk.dispatch('backups.restore', { name: '../wasl-backup-2001-01-01T00-00-00-000Z' }));
    expect(hostile).toMatchObject({ code: 'validation' });
  });
});

/** What the desk's `openFile` does for a restore: another file, opened with the same key and migrated. */
function openMigrated(path: string, key: Buffer): OpenedDatabase {
  const opened = openDatabase(path, { key });
  migrate(opened.sqlite);
  return opened;
}

/** One audit entry as stored, with the values of its change (null when there are none, or they were erased). */
interface StoredEntry {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  summary: string;
  changes_digest: string | null;
  prev_hash: string;
  hash: string;
  changes: string | null;
}

/** A database file's whole audit log, oldest first (read from a copy, as `inspect` does). */
function auditTrailOf(path: string, key: Buffer): StoredEntry[] {
  const dir = tempDir();
  try {
    copyFileSync(path, join(dir, 'copy.db'));
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, join(dir, 'copy.db-wal'));
    const opened = openDatabase(join(dir, 'copy.db'), { key });
    try {
      return opened.sqlite
        .prepare(
          `SELECT log.*, changes.changes FROM audit_log AS log LEFT JOIN audit_changes AS changes ON changes.entry_id = log.id ORDER BY log.seq`,
        )
        .all() as StoredEntry[];
    } finally {
      opened.sqlite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rewrites a backup's manifest as someone holding the database key could: sealed again, so it opens. */
async function resealManifest(folder: string, name: string, key: Buffer, change: (manifest: BackupManifest) => BackupManifest) {
  const manifest = (await readManifest(join(folder, name), name, key))?.manifest;
  if (!manifest) expect.fail(`the manifest of ${name} does not open`);
  rmSync(join(folder, name, 'manifest.json'));
  await writeManifest(join(folder, name), name, change(manifest), key);
}

/** A manifest as Wasl wrote it before its details were sealed: everything in clear. */
function version1ManifestOf(manifest: BackupManifest): ManifestVersion1 {
  const { auditHead: _head, ...rest } = manifest;
  return { ...rest, version: 1 };
}

describe("a backup's manifest", () => {
  it('says in clear only what a restore needs before the key is known; the rest is sealed under the database key', async () => {
    const desk = await setUp();
    await desk.configure();
    for (let index = 0; index < 3; index += 1) await desk.register();
    const made = await desk.backup();
    const databaseId = readKeyring(desk.app.wasl.keyringPath).databaseId;

    const text = readFileSync(join(made.path, 'manifest.json'), 'utf8');
    const clear = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(clear).sort()).toEqual(['databaseId', 'format', 'sealed', 'version']);
    expect(clear).toMatchObject({ format: 'wasl-backup', version: 2, databaseId });
    // No count of beneficiaries, nor anything else about what the backup holds, can be read in it.
    for (const word of ['beneficiaries', 'createdAt', 'kind', 'appVersion', 'schemaVersion', 'databaseBytes', 'databaseSha256', 'auditHead']) {
      expect(text).not.toContain(word);
    }
    for (const value of [made.manifest.databaseSha256, '0.0.0-test', made.manifest.createdAt, made.manifest.auditHead?.hash ?? '-']) {
      expect(text).not.toContain(value);
    }

    // With the key (signed in), the list shows what the sealed part says.
    expect(made.manifest).toMatchObject({ version: 2, databaseId, beneficiaries: 3, kind: 'manual' });
    const listed = expectOk<BackupEntry[]>(await desk.dispatch('backups.list', {}));
    expect(listed).toEqual([{ name: made.name, createdAt: made.manifest.createdAt, databaseId, manifest: made.manifest, fromThisDatabase: true }]);
    // Without the key (before anyone signs in), only what is in clear.
    expect(await listBackups(desk.folder, databaseId, null)).toEqual([
      { name: made.name, createdAt: made.manifest.createdAt, databaseId, manifest: null, fromThisDatabase: true },
    ]);
  });

  it('is bound to its backup and to its database: moved to another backup, or given another id, it does not open', async () => {
    const { desk, made } = await withBackupThenMore();
    await desk.advance(DAY); // the next day, so rotation keeps both
    const later = await desk.backup();
    const sealed = readFileSync(join(made.path, 'manifest.json'), 'utf8');
    // The first backup's manifest (with its checksum) put on the second backup.
    writeFileSync(join(later.path, 'manifest.json'), sealed);
    await expectRefused(desk, later.name, 'backups.damaged');
    // The database id in clear changed: the sealed part no longer opens.
    const clear = JSON.parse(sealed) as Record<string, unknown>;
    writeFileSync(join(made.path, 'manifest.json'), JSON.stringify({ ...clear, databaseId: `${String(clear.databaseId)}x` }));
    await expectRefused(desk, made.name, 'backups.otherDatabase');
  });

  it('records the head of the audit log: the last entry saved in the backup', async () => {
    const desk = await setUp();
    await desk.configure();
    await desk.register();
    const made = await desk.backup();
    const copied = auditTrailOf(join(made.path, 'wasl.db'), desk.app.key);
    const last = copied[copied.length - 1];
    expect(made.manifest.auditHead).toEqual({ seq: last?.seq, hash: last?.hash });
  });

  it('still reads, lists and restores a backup made with the earlier manifest, all in clear', async () => {
    const { desk, a, made } = await withBackupThenMore();
    writeFileSync(join(made.path, 'manifest.json'), JSON.stringify(version1ManifestOf(made.manifest), null, 2));
    const listed = expectOk<BackupEntry[]>(await desk.dispatch('backups.list', {}));
    expect(listed[0]?.manifest).toMatchObject({ version: 1, beneficiaries: 1, databaseSha256: made.manifest.databaseSha256, auditHead: null });
    expectOk<RestoreReport>(await desk.dispatch('backups.restore', { name: made.name }));
    const page = expectOk<{ rows: Array<{ id: string }> }>(await desk.dispatch('beneficiaries.list', {}));
    expect(page.rows.map((row) => row.id)).toEqual([a]);
    expect(expectOk<{ intact: boolean }>(await desk.dispatch('audit.verify', {})).intact).toBe(true);
  });
});

describe('the audit log and a restore', () => {
  it('refuses a backup whose audit log was cut after it was made, even when its manifest is sealed again to match', async () => {
    const { desk, made } = await withBackupThenMore();
    const file = join(made.path, 'wasl.db');
    // Someone with the key removes the last two entries of the backup's log and fixes its checksum.
    const opened = openDatabase(file, { key: desk.app.key });
    opened.sqlite.exec(`
      DROP TRIGGER audit_log_no_delete;
      DROP TRIGGER audit_changes_erase_only;
      DELETE FROM audit_changes WHERE entry_id IN (SELECT id FROM audit_log ORDER BY seq DESC LIMIT 2);
      DELETE FROM audit_log WHERE seq IN (SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 2);`);
    await opened.close();
    await resealManifest(desk.folder, made.name, desk.app.key, (manifest) => ({
      ...manifest,
      databaseSha256: sha256(file),
      databaseBytes: statSync(file).size,
    }));
    await expectRefused(desk, made.name, 'backups.tampered');
  });

  it('refuses a backup whose last audit entry was altered', async () => {
    const { desk, made } = await withBackupThenMore();
    const file = join(made.path, 'wasl.db');
    const opened = openDatabase(file, { key: desk.app.key });
    opened.sqlite.exec(`
      DROP TRIGGER audit_log_no_update;
      UPDATE audit_log SET summary = '{}' WHERE seq = (SELECT max(seq) FROM audit_log);`);
    await opened.close();
    await resealManifest(desk.folder, made.name, desk.app.key, (manifest) => ({
      ...manifest,
      databaseSha256: sha256(file),
      databaseBytes: statSync(file).size,
    }));
    await expectRefused(desk, made.name, 'backups.tampered');
  });

  it('carries every entry made after the backup into the restored log, chained on, and links both chains', async () => {
    const { desk, a, made } = await withBackupThenMore();
    // After the backup: a viewing, an account made and acting, and the administrator back at the desk.
    expectOk(await desk.dispatch('beneficiaries.get', { id: a }));
    const officer = await createUser(desk.dispatch, 'officer');
    expectOk(await desk.dispatch('session.signOut', {}));
    await signInAs(desk.dispatch, officer.username, officer.password);
    expectOk(await desk.dispatch('beneficiaries.get', { id: a }));
    expectOk(await desk.dispatch('session.signOut', {}));
    await signInAs(desk.dispatch, ADMIN.username, ADMIN.password);

    const backupHead = made.manifest.auditHead;
    if (backupHead === null) expect.fail('the backup recorded no head');
    const live = auditTrailOf(desk.app.databasePath, desk.app.key);
    const liveHead = live[live.length - 1]!;
    const since = live.filter((entry) => entry.seq > backupHead.seq);
    expect(since.some((entry) => entry.actor_id === officer.id)).toBe(true);

    const report = expectOk<RestoreReport>(await desk.dispatch('backups.restore', { name: made.name }));
    const restored = auditTrailOf(desk.app.databasePath, desk.app.key);
    // The backup's own log, then every entry made since (with its time, actor, action, record,
    // summary and change values), then the restore.
    expect(restored.slice(0, backupHead.seq)).toEqual(auditTrailOf(join(made.path, 'wasl.db'), desk.app.key));
    const carried = restored.slice(backupHead.seq, backupHead.seq + since.length);
    const content = ({ seq: _seq, prev_hash: _prev, hash: _hash, ...rest }: StoredEntry) => rest;
    expect(carried.map(content)).toEqual(since.map(content));
    const restoreEntry = restored[backupHead.seq + since.length];
    expect(restoreEntry).toMatchObject({ action: 'backup.restored', actor_id: desk.app.adminId, prev_hash: carried[carried.length - 1]?.hash });
    expect(JSON.parse(restoreEntry?.summary ?? '{}')).toMatchObject({
      name: made.name,
      headBeforeSeq: liveHead.seq,
      headBeforeHash: liveHead.hash,
      backupHeadSeq: backupHead.seq,
      backupHeadHash: backupHead.hash,
      carriedEntries: since.length,
      safetyCopy: report.safetyCopyPath,
    });
    // The live log ended where the restored one, carried on, still passes: the keyring's anchor moves forward.
    expect(restored.find((entry) => entry.seq === liveHead.seq)?.hash).toBe(liveHead.hash);
    const anchor = readKeyring(desk.app.wasl.keyringPath).auditHead;
    expect(anchor).toEqual({ seq: restored[restored.length - 1]?.seq, hash: restored[restored.length - 1]?.hash });
    // The account made after the backup is still the one named by its entries.
    const actors = expectOk<Array<{ id: string; displayName: string }>>(await desk.dispatch('audit.actors', {}));
    expect(actors.map((actor) => actor.id)).toContain(officer.id);
    expect(expectOk<{ intact: boolean }>(await desk.dispatch('audit.verify', {})).intact).toBe(true);
  });

  it('carries the entries about a person erased after the backup without their values, and erases them again', async () => {
    const desk = await setUp();
    await desk.configure();
    const person = expectOk<BeneficiaryDetail>(await desk.dispatch('beneficiaries.register', { fields: validFields({ familyName: 'الحربي' }) }));
    const made = await desk.backup();
    await desk.advance(HOUR);
    const { id, rowVersion, idNumber, birthDate } = person;
    const secret = 'الشمري';
    expectOk(await desk.dispatch('beneficiaries.update', { id, expectedVersion: rowVersion, fields: { ...validFields({ idNumber, birthDate }), familyName: secret } }));
    expectOk(await desk.dispatch('beneficiaries.erase', { id, reason: 'طلب المستفيد إتلاف بياناته', confirmFileNumber: person.fileNumber }));

    expectOk<RestoreReport>(await desk.dispatch('backups.restore', { name: made.name }));
    const restored = auditTrailOf(desk.app.databasePath, desk.app.key);
    const actions = restored.filter((entry) => entry.entity_id === id).map((entry) => entry.action);
    // Created (in the backup), changed and erased (carried), erased again in the restored data.
    expect(actions).toEqual(['beneficiary.created', 'beneficiary.changed', 'beneficiary.erased', 'beneficiary.erased']);
    const changed = restored.find((entry) => entry.entity_id === id && entry.action === 'beneficiary.changed');
    expect(changed?.changes).toBeNull();
    for (const entry of restored) {
      for (const value of [secret, 'الحربي', idNumber]) expect(entry.changes ?? '').not.toContain(value);
    }
    const detail = expectOk<{ erasedAt: string | null; familyName: string }>(await desk.dispatch('beneficiaries.get', { id }));
    expect(detail.erasedAt).not.toBeNull();
    expect(expectOk<{ intact: boolean }>(await desk.dispatch('audit.verify', {})).intact).toBe(true);
  });
});

describe('safety copies', () => {
  it('keeps the three newest copies of what was there before a restore, and nothing else is touched', async () => {
    const { desk, made } = await withBackupThenMore();
    writeFileSync(join(desk.app.dir, 'wasl.db.before-restore-notes.txt'), 'not a safety copy');
    const copies: string[] = [];
    for (let index = 0; index < 4; index += 1) {
      copies.push(expectOk<RestoreReport>(await desk.dispatch('backups.restore', { name: made.name })).safetyCopyPath);
      await desk.advance(HOUR);
    }
    const kept = readdirSync(desk.app.dir).filter((name) => name.startsWith('wasl.db.before-restore-')).sort();
    expect(kept).toEqual([...copies.slice(1).map((path) => basename(path)), 'wasl.db.before-restore-notes.txt'].sort());
    // The copies kept are whole: each opens and holds the log up to its restore.
    for (const path of copies.slice(1)) expect(inspect(path, desk.app.key).integrity).toBe('ok');
  });
});

describe('a folder that cannot take the backup', () => {
  it('has vanished (an unplugged drive): a clear message, nothing lost, nothing left behind', async () => {
    const desk = await setUp();
    await desk.configure();
    await desk.register();
    const before = snapshotDatabase(desk.app.databasePath, desk.app.key, EXCEPT_BACKUP_RECORDS);
    rmSync(desk.folder, { recursive: true });

    const error = expectError(await desk.dispatch('backups.run', {}));
    expect(error).toEqual({ code: 'backup_failed', messageKey: 'backups.folderMissing' });
    expect(snapshotDatabase(desk.app.databasePath, desk.app.key, EXCEPT_BACKUP_RECORDS)).toEqual(before);
    expect(stagingIn(desk.app.dir)).toEqual([]);
    expect(await desk.status()).toEqual({
      configured: true,
      lastGoodBackupAt: null,
      lastError: { at: desk.now().toISOString(), messageKey: 'backups.folderMissing', kind: 'manual' },
      stale: true,
    });
    expect(inspect(desk.app.databasePath, desk.app.key).lastAudit()[0]).toMatchObject({
      action: 'backup.failed',
      summary: { kind: 'manual', messageKey: 'backups.folderMissing', folder: desk.folder },
    });

    // Plugged back in: the next backup works and clears the error.
    mkdirSync(desk.folder);
    await desk.backup();
    expect(await desk.status()).toMatchObject({ lastError: null, stale: false });
    expect(desk.app.loggedErrors).toEqual([]);
  });

  it('is read-only: a clear message, no partial backup, nothing lost', async (context) => {
    const desk = await setUp();
    await desk.configure();
    await desk.register();
    const undo = makeReadOnly(desk.folder);
    if (!undo) return context.skip('cannot make a folder read-only for this user (root without chattr)');
    cleanups.push(undo);
    const before = snapshotDatabase(desk.app.databasePath, desk.app.key, EXCEPT_BACKUP_RECORDS);

    const error = expectError(await desk.dispatch('backups.run', {}));
    expect(error).toEqual({ code: 'backup_failed', messageKey: 'backups.folderNotWritable' });
    expect(entriesOf(desk.folder)).toEqual([]);
    expect(stagingIn(desk.app.dir)).toEqual([]);
    expect(snapshotDatabase(desk.app.databasePath, desk.app.key, EXCEPT_BACKUP_RECORDS)).toEqual(before);
    expect((await desk.status()).lastError?.messageKey).toBe('backups.folderNotWritable');

    // Choosing a read-only folder is refused at once, and the settings stay as they were.
    const other = newFolder();
    const undoOther = makeReadOnly(other);
    if (undoOther) cleanups.push(undoOther);
    expect(expectError(await desk.dispatch('backups.configure', { folder: other }))).toEqual({
      code: 'backup_failed',
      messageKey: 'backups.folderNotWritable',
    });
    expect(expectOk<BackupSettings>(await desk.dispatch('backups.settings', {})).folder).toBe(desk.folder);
  });
});

describe('a full backup drive', () => {
  it('gives the disk-full message and leaves no partial backup', async (context) => {
    const desk = await setUp();
    await desk.configure();
    await desk.register();
    // A drive too small for the database: a 64 KiB file system mounted on the folder (root only).
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', desk.folder], { stdio: 'ignore' });
    if (mounted.status !== 0) return context.skip('cannot mount a small file system here (needs root)');
    cleanups.push(() => void spawnSync('umount', [desk.folder], { stdio: 'ignore' }));
    const before = snapshotDatabase(desk.app.databasePath, desk.app.key, EXCEPT_BACKUP_RECORDS);

    expect(expectError(await desk.dispatch('backups.run', {}))).toEqual({ code: 'backup_failed', messageKey: 'backups.diskFull' });
    expect(entriesOf(desk.folder)).toEqual([]);
    expect(stagingIn(desk.app.dir)).toEqual([]);
    expect(snapshotDatabase(desk.app.databasePath, desk.app.key, EXCEPT_BACKUP_RECORDS)).toEqual(before);
    expect((await desk.status()).lastError?.messageKey).toBe('backups.diskFull');
  });
});

describe('settings', () => {
  it('are changed by an administrator, checked, and audited with old and new values', async () => {
    const desk = await setUp();
    expect(expectOk<BackupSettings>(await desk.dispatch('backups.settings', {}))).toEqual({ folder: null, keepDaily: 7, keepWeekly: 4 });

    const relative = expectError(await desk.dispatch('backups.configure', { folder: 'backups' }));
    expect(relative.details?.fields).toEqual([{ path: 'folder', messageKey: 'validation.absolutePath' }]);
    expect(expectError(await desk.dispatch('backups.configure', { keepDaily: 0 })).code).toBe('validation');
    const inside = join(desk.app.dir, 'backups');
    mkdirSync(inside);
    expect(expectError(await desk.dispatch('backups.configure', { folder: inside }))).toEqual({
      code: 'rule',
      messageKey: 'backups.folderInsideData',
    });
    const file = join(desk.folder, 'a-file');
    writeFileSync(file, '');
    expect(expectError(await desk.dispatch('backups.configure', { folder: join(file, 'below') }))).toEqual({
      code: 'backup_failed',
      messageKey: 'backups.folderMissing',
    });

    expect(await desk.configure({ keepWeekly: 2 })).toEqual({ folder: desk.folder, keepDaily: 7, keepWeekly: 2 });
    const live = openDatabase(desk.app.databasePath, { key: desk.app.key });
    try {
      const entry = live.sqlite
        .prepare(`SELECT log.summary, changes.changes FROM audit_log log JOIN audit_changes changes ON changes.entry_id = log.id
                  WHERE log.action = 'settings.changed' ORDER BY log.seq DESC LIMIT 1`)
        .get() as { summary: string; changes: string };
      expect(JSON.parse(entry.summary)).toEqual({ fields: ['folder', 'keepWeekly'] });
      expect(JSON.parse(entry.changes)).toEqual([
        { field: 'folder', old: null, new: desk.folder },
        { field: 'keepWeekly', old: 4, new: 2 },
      ]);
    } finally {
      live.sqlite.close();
    }
  });
});

describe('who may', () => {
  it('lets an officer read the status but not run, restore, list or configure backups', async () => {
    const desk = await setUp();
    await desk.configure();
    const made = await desk.backup();
    const officer = { username: 'front.desk', password: 'a quiet morning at the desk' };
    expectOk(await desk.dispatch('users.create', { ...officer, displayName: 'موظف الاستقبال', role: 'officer' }));
    await signInAs(desk.dispatch, officer.username, officer.password);

    expect(await desk.status()).toMatchObject({ configured: true, lastGoodBackupAt: made.manifest.createdAt });
    const calls: Array<[string, unknown]> = [
      ['backups.run', {}],
      ['backups.restore', { name: made.name }],
      ['backups.configure', { folder: null }],
      ['backups.settings', {}],
      ['backups.list', {}],
    ];
    for (const [name, input] of calls) {
      expect(expectError(await desk.dispatch(name, input)), name).toEqual({ code: 'forbidden', messageKey: 'forbidden' });
    }
    expect(backupNamesIn(desk.folder)).toEqual([made.name]);
  });
});

describe('the home screen status', () => {
  it('turns stale when the last good backup is more than two days old', async () => {
    const desk = await setUp();
    expect((await desk.status()).stale).toBe(true);
    await desk.configure();
    await desk.backup();
    expect((await desk.status()).stale).toBe(false);
    await desk.advance(47 * HOUR);
    expect((await desk.status()).stale).toBe(false);
    await desk.advance(2 * HOUR);
    expect(await desk.status()).toEqual({
      configured: true,
      lastGoodBackupAt: '2026-11-25T07:30:00.000Z',
      lastError: null,
      stale: true,
    });
  });
});

describe('automatic backups', () => {
  it('makes the daily backup once a day, while the desk is in use', async () => {
    const desk = await setUp();
    await desk.configure();
    const { app } = desk;
    await app.close();
    let now = desk.now();
    const reopen = async () => {
      const { wasl, loggedErrors } = openTestHost(app.dir, { clock: () => now });
      cleanups.push(() => wasl.close());
      await signInAs(wasl.dispatch, ADMIN.username, ADMIN.password);
      // Right after a call: the copy runs beside the desk, which need not be idle.
      await wasl.runDueBackups();
      const madeWhileBusy = backupNamesIn(desk.folder).length;
      now = new Date(now.getTime() + 4 * MINUTE);
      await wasl.runDueBackups();
      await wasl.close();
      expect(loggedErrors).toEqual([]);
      return madeWhileBusy;
    };
    expect(await reopen()).toBe(1);
    const kinds = await Promise.all(backupNamesIn(desk.folder).map(async (name) => (await manifestOf(desk.folder, name, desk.app.key))?.kind));
    expect(kinds).toEqual(['daily']);
    now = new Date(now.getTime() + 2 * HOUR);
    await reopen();
    expect(backupNamesIn(desk.folder)).toHaveLength(1);
    now = new Date(now.getTime() + DAY);
    await reopen();
    expect(backupNamesIn(desk.folder)).toHaveLength(2);
    const live = inspect(app.databasePath, app.key);
    expect(live.lastAudit().find((entry) => entry.action === 'backup.made')).toMatchObject({
      actor_id: SYSTEM_USER_ID,
      summary: { kind: 'daily' },
    });
  });

  it('tries again an hour after a failed attempt, not at every check', async () => {
    let now = new Date('2026-11-25T07:30:00.000Z');
    const app = await openTestWasl({ clock: () => now });
    cleanups.push(() => app.cleanup());
    const folder = newFolder();
    expectOk(await app.dispatch('backups.configure', { folder }));
    // The drive is unplugged; nobody touches the desk (a call would count as activity).
    rmSync(folder, { recursive: true, force: true });
    const failures = () => inspect(app.databasePath, app.key).lastAudit().filter((entry) => entry.action === 'backup.failed').length;
    const idleFor = async (minutes: number) => {
      now = new Date(now.getTime() + minutes * MINUTE);
      await app.wasl.runDueBackups();
    };
    await idleFor(4);
    expect(failures()).toBe(1);
    await idleFor(15);
    expect(failures()).toBe(1);
    await idleFor(50);
    expect(failures()).toBe(2);
  });

  it('makes a closing backup when the app closes, and closes anyway when it cannot', async () => {
    const desk = await setUp();
    await desk.configure();
    await desk.app.wasl.closeWithBackup();
    const [name] = backupNamesIn(desk.folder);
    expect(name && (await manifestOf(desk.folder, name, desk.app.key))?.kind).toBe('closing');

    const again = await setUp();
    await again.configure();
    rmSync(again.folder, { recursive: true });
    await again.app.wasl.closeWithBackup();
    expect(again.app.wasl.desk.isOpen).toBe(false);
    const live = inspect(again.app.databasePath, again.app.key);
    expect(live.setting('backup.lastError')).toMatchObject({ messageKey: 'backups.folderMissing', kind: 'closing' });
    expect(again.app.loggedErrors).toEqual([]);
  });

  it('checks hourly, never runs two checks at once, and lets a backup under way finish before stopping', async () => {
    let due = true;
    let runs = 0;
    let release: () => void = () => undefined;
    const scheduler = startBackupScheduler({
      clock: () => new Date(),
      isDue: async () => due,
      runBackup: () =>
        new Promise<void>((resolveRun) => {
          runs += 1;
          release = () => {
            due = false;
            resolveRun();
          };
        }),
      intervalMs: 5,
    });
    const first = scheduler.check();
    await new Promise((resolveWait) => setTimeout(resolveWait, 30));
    expect(runs).toBe(1); // the interval's checks joined the one under way
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolveWait) => setTimeout(resolveWait, 10));
    expect(stopped).toBe(false);
    release();
    await Promise.all([first, stopping]);
    expect(stopped).toBe(true);
    await scheduler.check();
    expect(runs).toBe(1);
  });
});

/**
 * Another process writing to the same database as fast as it can: each transaction a pair of rows
 * (BEGIN IMMEDIATE, so it waits its turn rather than failing), acknowledged once committed.
 */
const WRITER = `
import { openDatabase } from './db/connection';
const { sqlite } = openDatabase(process.env.WASL_WRITER_DB, { key: Buffer.from(process.env.WASL_WRITER_KEY, 'hex') });
const insert = sqlite.prepare('INSERT INTO backup_test_writes (n, part) VALUES (?, ?)');
const pair = sqlite.transaction((n) => { insert.run(n, 1); insert.run(n, 2); });
let n = 0;
const next = () => { n += 1; pair.immediate(n); process.stdout.write('ack ' + n + '\\n', next); };
next();
`;

function startWriter(databasePath: string, key: Buffer) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', WRITER], {
    cwd: PROJECT,
    env: { ...process.env, WASL_WRITER_DB: databasePath, WASL_WRITER_KEY: key.toString('hex') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let acked = 0;
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  let stderr = '';
  let pending = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const [word, n] = line.split(' ');
      if (word === 'ack' && n) acked = Number(n);
    }
    for (const waiter of waiting.filter((entry) => acked >= entry.count)) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  const closed = new Promise<void>((resolveClose) => child.on('close', () => resolveClose()));
  return {
    acknowledged: () => acked,
    acks(count: number): Promise<void> {
      if (acked >= count) return Promise.resolve();
      return Promise.race([
        new Promise<void>((resolveWait) => waiting.push({ count, resolve: resolveWait })),
        closed.then(() => {
          throw new Error(`the writer stopped after ${acked} transactions: ${stderr}`);
        }),
      ]);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await closed;
    },
  };
}

/**
 * Makes a folder refuse new files, or answers null when this user cannot be refused: root ignores
 * permission bits, but not an immutable folder (chattr +i), where the file system allows it.
 */
function makeReadOnly(folder: string): (() => void) | null {
  chmodSync(folder, 0o500);
  if (!canWriteIn(folder)) return () => chmodSync(folder, 0o700);
  chmodSync(folder, 0o700);
  const immutable = spawnSync('chattr', ['+i', folder], { stdio: 'ignore' });
  if (immutable.status === 0) {
    if (!canWriteIn(folder)) return () => void spawnSync('chattr', ['-i', folder], { stdio: 'ignore' });
    spawnSync('chattr', ['-i', folder], { stdio: 'ignore' });
  }
  return null;
}

function canWriteIn(folder: string): boolean {
  const probe = join(folder, '.probe');
  try {
    writeFileSync(probe, '');
    rmSync(probe);
    return true;
  } catch {
    return false;
  }
}

function fakeManifest(): ManifestVersion1 {
  return {
    format: 'wasl-backup',
    version: 1,
    createdAt: '2026-09-01T00:00:00.000Z',
    kind: 'daily',
    appVersion: '0.0.0-test',
    schemaVersion: 1,
    databaseId: 'x',
    beneficiaries: 0,
    databaseBytes: 0,
    databaseSha256: '0'.repeat(64),
  };
}
