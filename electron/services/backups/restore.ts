import { existsSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { BackupAuditHead, RestoreReport } from '../../api/backups';
import { latestSchemaVersion } from '../../../db/migrate';
import type { DatabaseSchema } from '../../../db/schema';
import { KEYRING_FILE, readKeyring } from '../accounts/keyring';
import { anchorAuditHead } from '../audit/anchor';
import { fsyncPath } from '../durable';
import type { CallContext } from '../context';
import { AppError, notFound } from '../errors';
import { carryOverIntoRestoredCopy, type RestoredBackup } from './carry-over';
import { backupProblemOf, copyDurably, sha256OfFile } from './files';
import { readManifest } from './manifest';
import { DATABASE_FILE } from '../../../db/connection';
import type { BackupDependencies } from './make';
import { backupTimeOf } from './naming';
import { pruneSafetyCopies, removeDatabaseFile, safetyCopyPathAt } from './safety-copies';
import { readBackupSettings } from './settings';
import type { CheckedCopy } from './verify';

type Db = Kysely<DatabaseSchema>;

/**
 * What a restore needs from whoever holds the open database (the desk): the file can only be
 * replaced while no connection has it open, and the session goes on with the restored file.
 */
export interface DatabaseSwap {
  /** Closes the open database; calls arriving meanwhile are refused, never run on a closed connection. */
  closeDatabase(): Promise<void>;
  /**
   * Opens the database file again (migrating an older schema) and answers the new handle: with the
   * same key, or with `key` from now on once the file was written again under a new key.
   */
  reopenDatabase(key?: Buffer): Promise<{ db: Db }>;
  /**
   * Opens another file, migrated, with the same key or with `key`, for the caller's own use (the
   * copy being prepared); the caller closes it.
   */
  openFile(path: string, key?: Buffer): Promise<{ db: Db; sqlite: Database.Database; close(): Promise<void> }>;
}

export interface RestoreDependencies extends BackupDependencies {
  databasePath: string;
  /** Given by the desk; without it a backup is still checked, then refused. */
  swap?: DatabaseSwap;
}

/**
 * Puts a backup from the folder in place of the open database. Nothing is replaced until the backup
 * has passed every check: its manifest (whose sealed part must open with this database's key) and
 * checksum, the keyring's database id, opening with this database's key, `integrity_check`, a schema
 * this version of Wasl knows, and an audit log that ends exactly where it ended when the backup was
 * made (entries cut from it, or its last one altered, mean the backup was tampered with). Then the
 * database is closed and kept as a safety copy beside it; the checked copy gets what happened since
 * the backup (see `carryOverIntoRestoredCopy`) and only then takes the database's place. If the
 * restored file will not open, the safety copy goes back. The three newest safety copies are kept.
 */
export async function restoreBackup(deps: RestoreDependencies, name: string, context: CallContext): Promise<RestoreReport> {
  const { folder } = await readBackupSettings(deps.db);
  if (folder === null) throw new AppError('rule', 'backups.notConfigured');
  const backupPath = join(folder, name);
  if (backupTimeOf(name) === null || !existsSync(join(backupPath, DATABASE_FILE))) throw notFound('backup');

  const read = await readManifest(backupPath, name, deps.databaseKey);
  if (read === null) throw new AppError('backup_failed', 'backups.damaged');
  const databaseId = readKeyring(deps.keyringPath).databaseId;
  const backupKeyringId = readKeyringIdOrNull(join(backupPath, KEYRING_FILE));
  if (read.databaseId !== databaseId || (backupKeyringId !== null && backupKeyringId !== databaseId)) {
    throw new AppError('backup_failed', 'backups.otherDatabase');
  }
  // Named as ours, but sealed under another key, altered, or moved from another backup.
  if (read.manifest === null) throw new AppError('backup_failed', 'backups.damaged');
  const manifest = read.manifest;

  const stamp = context.now.toISOString().replace(/[:.]/g, '-');
  // Checked where it will be used: the copy in the data directory is what gets put in place.
  const staged = join(deps.dataDirectory, `${DATABASE_FILE}.restore-${stamp}.tmp`);
  const safetyCopyPath = safetyCopyPathAt(deps.dataDirectory, context.now);
  let checked: CheckedCopy;
  try {
    try {
      await copyDurably(join(backupPath, DATABASE_FILE), staged);
    } catch (error) {
      throw backupProblemOf(error);
    }
    const copied = await sha256OfFile(staged);
    if (copied.sha256 !== manifest.databaseSha256 || copied.bytes !== manifest.databaseBytes) {
      throw new AppError('backup_failed', 'backups.damaged');
    }
    checked = await deps.jobs.run('backups.check', { path: staged });
    if (checked.schemaVersion > latestSchemaVersion()) throw new AppError('backup_failed', 'backups.newerSchema');
    // A version 1 manifest recorded no head; its backup is restored on its checksum alone.
    if (manifest.version >= 2 && !endsAtHead(checked, manifest.auditHead)) throw new AppError('backup_failed', 'backups.tampered');
    if (!deps.swap) throw new AppError('rule', 'backups.restoreUnavailable');
  } catch (error) {
    await removeDatabaseFile(staged).catch(() => undefined);
    throw error;
  }

  const swap = deps.swap;
  await swap.closeDatabase();
  // The safety copy is taken from the closed file, so it holds everything saved up to the last call.
  let keptSafetyCopy = false;
  try {
    await keepSafetyCopy(deps.databasePath, safetyCopyPath);
    keptSafetyCopy = true;
    await prepareCopy(swap, staged, { name, manifest, checked, safetyCopyPath }, context);
  } catch (error) {
    // The database file was not touched: it opens again as it was.
    await removeDatabaseFile(staged).catch(() => undefined);
    if (keptSafetyCopy) await removeDatabaseFile(safetyCopyPath).catch(() => undefined);
    await swap.reopenDatabase();
    const problem = backupProblemOf(error);
    throw problem.messageKey === 'backups.failed' ? new AppError('backup_failed', 'backups.restoreFailed') : problem;
  }
  let restored: { db: Db };
  try {
    await putInPlace(staged, deps.databasePath);
    restored = await swap.reopenDatabase();
  } catch {
    await removeDatabaseFile(staged).catch(() => undefined);
    await putBack(safetyCopyPath, deps.databasePath, swap);
    throw new AppError('backup_failed', 'backups.restoreFailed');
  }

  // The log now goes on from the restored backup's: its anchor follows it.
  await anchorAuditHead(restored.db, deps.keyringPath);
  // The restore is done; tidying older safety copies must not turn it into a failure.
  await pruneSafetyCopies(deps.dataDirectory).catch(() => []);
  return {
    name,
    createdAt: manifest.createdAt,
    schemaVersion: checked.schemaVersion,
    beneficiaries: checked.beneficiaries,
    safetyCopyPath,
  };
}

/** Whether the copy's audit log ends at the head the manifest recorded, its last entry unaltered. */
function endsAtHead(checked: CheckedCopy, head: BackupAuditHead | null): boolean {
  if (head === null) return checked.auditHead === null;
  return checked.auditHead?.seq === head.seq && checked.auditHead.hash === head.hash && checked.auditHeadHolds;
}

/**
 * Gives the checked copy what happened since the backup, on a connection of its own, and closes it.
 * A write-ahead log left beside it would hold what the copy was given; the copy would go in place without it.
 */
async function prepareCopy(swap: DatabaseSwap, staged: string, restored: RestoredBackup, context: CallContext): Promise<void> {
  const copy = await swap.openFile(staged);
  try {
    await carryOverIntoRestoredCopy(copy.db, restored, context);
  } finally {
    await copy.close();
  }
  const log = `${staged}-wal`;
  if (existsSync(log) && statSync(log).size > 0) throw new AppError('backup_failed', 'backups.restoreFailed');
}

/**
 * Replaces the (closed) database file with the checked copy in one rename. The write-ahead log and
 * its index belong to the old file: a left-over log would be replayed into the restored one.
 */
async function putInPlace(staged: string, databasePath: string): Promise<void> {
  for (const suffix of ['-wal', '-shm', '-journal']) await rm(`${databasePath}${suffix}`, { force: true });
  await rename(staged, databasePath);
  fsyncPath(dirname(databasePath), { folder: true });
}

/**
 * Copies the closed database file aside. Closing the last connection folds the write-ahead log into
 * the file and deletes it; a log still holding pages would mean the copy misses them, so it refuses.
 */
async function keepSafetyCopy(databasePath: string, safetyCopyPath: string): Promise<void> {
  const log = `${databasePath}-wal`;
  if (existsSync(log) && statSync(log).size > 0) throw new AppError('backup_failed', 'backups.failed');
  if (existsSync(safetyCopyPath)) throw new AppError('backup_failed', 'backups.failed');
  await copyDurably(databasePath, safetyCopyPath);
}

/** After a failed restore: the safety copy goes back in place and the desk opens it again. */
async function putBack(safetyCopyPath: string, databasePath: string, swap: DatabaseSwap): Promise<void> {
  const again = `${databasePath}.put-back.tmp`;
  await copyDurably(safetyCopyPath, again);
  await putInPlace(again, databasePath);
  await swap.reopenDatabase();
}

function readKeyringIdOrNull(path: string): string | null {
  if (!existsSync(path)) return null;
  try {
    return readKeyring(path).databaseId;
  } catch {
    return null;
  }
}
