import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase, type OpenedDatabase } from '../../../db/connection';
import { migrate } from '../../../db/migrate';
import type { DatabaseSwap } from '../backups/restore';
import { AppError } from '../errors';
import { createHandlers } from '../index';
import { installStarterLibrary } from '../inquiries/library';
import { installShippedQuestionnaire } from '../questionnaires/shipped';
import { installStarterDocuments } from '../documents/starter';
import { databaseJobs } from '../jobs/database-jobs';
import { SYSTEM_USER_ID } from '../context';
import { readStoredLink } from '../office/link';
import { DeskSync } from '../sync/desk-sync';
import { flushPendingEvents } from './lockout';
import { mirrorOfficeAccounts } from './office-accounts';
import { databaseUnavailable } from './prepare';
import { requireDatabase, type DeskState } from './state';
import { anchorAuditLog, writeHeldBackRefusals } from './trail';

/** Opens the database with an unwrapped key, or checks that the key is the one already open. */
export async function openWithKey(desk: DeskState, key: Buffer): Promise<void> {
  if (desk.database) {
    if (!desk.database.key.equals(key)) throw new AppError('database_unavailable', 'database.keyringMismatch');
    return;
  }
  await openDatabaseFile(desk, key);
  // Before anything is appended (the failed sign-ins kept while it was closed, the sign-in itself):
  // entries cut from the log's end while Wasl was closed are found and recorded here, where the
  // entries that follow could otherwise carry the anchor past them.
  await anchorAuditLog(desk);
  await flushPendingEvents(desk);
  // A desk set up before Wasl shipped a starter library receives it once, at its next opening.
  const { db } = requireDatabase(desk).opened;
  await db.transaction().execute((trx) => installStarterLibrary(trx, desk.now()));
  await db.transaction().execute((trx) => installShippedQuestionnaire(trx, desk.now()));
  await db.transaction().execute((trx) => installStarterDocuments(trx, desk.now()));
}

/**
 * Opens the database file with the handlers of every call that needs it. The file is checked and
 * migrated first in the jobs' upkeep thread (prepare.ts), so the core keeps answering while a long
 * check or a re-index runs; the desk's connection then opens a file that is ready.
 */
export async function openDatabaseFile(desk: DeskState, key: Buffer): Promise<void> {
  const { databasePath, nativeBinding } = desk.options;
  const jobs = databaseJobs({ databasePath, key, nativeBinding });
  let opened: OpenedDatabase;
  try {
    await jobs.run('database.prepare', { fullCheck: fileSizeOf(databasePath) <= FULL_CHECK_AT_OPEN_MAX_BYTES });
    opened = openDatabase(databasePath, { key, nativeBinding });
  } catch (error) {
    // Nothing was written: a damaged or newer file is left exactly as it was found.
    await jobs.close();
    throw databaseUnavailable(error);
  }
  try {
    // Nothing is left to migrate; a file changed in between by another Wasl is still caught here.
    migrate(opened.sqlite);
  } catch (error) {
    await jobs.close();
    opened.sqlite.close();
    throw databaseUnavailable(error);
  }
  const keys = { path: desk.options.keyringPath, databaseKey: key, keyDerivation: desk.keyDerivation };
  const logError = desk.options.logError ?? ((error: unknown, where: string) => console.error(`[wasl] ${where} failed:`, error));
  // The keyring follows the office's accounts as this database holds them (office-accounts.ts); a
  // failure is told, and leaves the keyring as it was: nothing about it stops the desk.
  const mirrorAccounts = async () => {
    const database = desk.database;
    if (database === null || database.opened !== opened) return;
    await mirrorOfficeAccounts(opened.db, desk.options.keyringPath, database.key).catch((error: unknown) => logError(error, 'mirroring the office accounts'));
  };
  const sync = new DeskSync({
    db: opened.db,
    sqlite: opened.sqlite,
    capture: opened.capture,
    actor: () => desk.session?.user.id ?? desk.actingFor ?? SYSTEM_USER_ID,
    signingKeys: desk.signingKeys,
    now: desk.now,
    logError,
    appVersion: desk.options.appVersion,
    accountsChanged: mirrorAccounts,
  });
  const handlers = createHandlers({
    db: opened.db,
    sqlite: opened.sqlite,
    dataDirectory: dirname(databasePath),
    appVersion: desk.options.appVersion,
    keys,
    jobs,
    sync,
    printPdf: desk.options.printPdf,
    logError: desk.options.logError,
    database: databaseSwap(desk),
    keyRotations: desk.keyRotations,
  });
  desk.database = { opened, key: Buffer.from(key), handlers, jobs, sync };
  sync.start(await readStoredLink(opened.db));
  await mirrorAccounts();
}

/** Closes the desk: what the log still owes is written and anchored, then the database and its key are let go of. */
export async function closeDesk(desk: DeskState): Promise<void> {
  // Closing goes on whatever happens: a database that can no longer be read is still let go of.
  await writeHeldBackRefusals(desk).catch(() => undefined);
  await anchorAuditLog(desk).catch(() => undefined);
  const database = desk.database;
  desk.database = null;
  desk.session = null;
  if (database) {
    database.key.fill(0);
    database.sync.stop();
    await database.jobs.close();
    await database.opened.close();
  }
}

/**
 * How restoring a backup replaces the database file under the open session: the desk closes the
 * database (calls arriving meanwhile are answered "signed out", never run on a closed connection),
 * then opens the file again with the same key, migrated, with new handlers. The session stays; the
 * next call checks its account against the restored users table.
 */
function databaseSwap(desk: DeskState): DatabaseSwap {
  let key: Buffer | null = null;
  return {
    closeDatabase: async () => {
      const database = requireDatabase(desk);
      key = Buffer.from(database.key);
      desk.database = null;
      database.key.fill(0);
      database.sync.stop();
      // The jobs' connection goes first: nothing may hold the file that is about to be replaced.
      await database.jobs.close();
      await database.opened.close();
    },
    reopenDatabase: async (newKey) => {
      if (key === null) throw new Error('reopenDatabase() before closeDatabase()');
      if (newKey !== undefined) {
        key.fill(0);
        key = Buffer.from(newKey);
      }
      if (!desk.database) await openDatabaseFile(desk, key);
      return requireDatabase(desk).opened;
    },
    openFile: async (path, otherKey) => {
      const fileKey = otherKey ?? key ?? desk.database?.key;
      if (fileKey === undefined || fileKey === null) throw new Error('openFile() without a key');
      // The copy was checked whole already; an older one is migrated (re-indexed) in the upkeep thread.
      const jobs = databaseJobs({ databasePath: path, key: fileKey, nativeBinding: desk.options.nativeBinding });
      try {
        await jobs.run('database.prepare', { fullCheck: false });
      } finally {
        await jobs.close();
      }
      const opened = openDatabase(path, { key: fileKey, nativeBinding: desk.options.nativeBinding });
      try {
        migrate(opened.sqlite);
      } catch (error) {
        opened.sqlite.close();
        throw error;
      }
      return opened;
    },
  };
}

/**
 * Reading every page at the first sign-in costs about 1 s per 100 MB (2.5 s at 100,000 people, 15 s
 * at 1.5 GB). Above this size the officer would wait too long; such a database is still checked in
 * full by every backup (`integrity_check` of the copy), and a damaged page met later is refused then.
 */
const FULL_CHECK_AT_OPEN_MAX_BYTES = 512 * 1024 * 1024;

function fileSizeOf(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
}

/** A database that cannot be opened, as the refusal the person signing in reads. */
