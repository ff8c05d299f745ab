import { existsSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import type { RestoreReport } from '../../api/backups';
import { latestSchemaVersion } from '../../../db/migrate';
import type { DatabaseSchema } from '../../../db/schema';
import { KEYRING_FILE, readKeyring } from '../accounts/keyring';
import { anchorAuditHead } from '../audit/anchor';
import { appendAudit } from '../audit/log';
import { fsyncPath } from '../durable';
import { eraseBeneficiary } from '../beneficiaries/personal-data';
import { SYSTEM_USER_ID, type CallContext } from '../context';
import { AppError, notFound } from '../errors';
import { backupProblemOf, copyDurably, readManifest, sha256OfFile } from './files';
import { DATABASE_FILE } from '../../../db/connection';
import type { BackupDependencies } from './make';
import { backupTimeOf } from './naming';
import { readBackupRows, readBackupSettings, replaceBackupRows } from './settings';
import { checkDatabaseCopy, type CheckedCopy } from './verify';

type Db = Kysely<DatabaseSchema>;

/**
 * What a restore needs from whoever holds the open database (the desk): the file can only be
 * replaced while no connection has it open, and the session goes on with the restored file.
 */
export interface DatabaseSwap {
  /** Closes the open database; calls arriving meanwhile are refused, never run on a closed connection. */
  closeDatabase(): Promise<void>;
  /** Opens the database file again with the same key (migrating an older schema) and answers the new handle. */
  reopenDatabase(): Promise<{ db: Db }>;
}

export interface RestoreDependencies extends BackupDependencies {
  databasePath: string;
  /** Given by the desk; without it a backup is still checked, then refused. */
  swap?: DatabaseSwap;
}

/**
 * Puts a backup from the folder in place of the open database. Nothing is replaced until the backup
 * has passed every check: its manifest and checksum, the keyring's database id, opening with this
 * database's key, `integrity_check`, and a schema this version of Wasl knows. Then the database as
 * it is now is kept as a safety copy beside it, the file is swapped while closed, and the restore is
 * recorded in the restored database's audit log. If the restored file will not open, the safety copy
 * goes back.
 */
export async function restoreBackup(deps: RestoreDependencies, name: string, context: CallContext): Promise<RestoreReport> {
  const { folder } = await readBackupSettings(deps.db);
  if (folder === null) throw new AppError('rule', 'backups.notConfigured');
  const backupPath = join(folder, name);
  if (backupTimeOf(name) === null || !existsSync(join(backupPath, DATABASE_FILE))) throw notFound('backup');

  const manifest = await readManifest(backupPath);
  if (manifest === null) throw new AppError('backup_failed', 'backups.damaged');
  const databaseId = readKeyring(deps.keyringPath).databaseId;
  const backupKeyringId = readKeyringIdOrNull(join(backupPath, KEYRING_FILE));
  if (manifest.databaseId !== databaseId || (backupKeyringId !== null && backupKeyringId !== databaseId)) {
    throw new AppError('backup_failed', 'backups.otherDatabase');
  }

  const stamp = context.now.toISOString().replace(/[:.]/g, '-');
  // Checked where it will be used: the copy in the data directory is what gets put in place.
  const staged = join(deps.dataDirectory, `${DATABASE_FILE}.restore-${stamp}.tmp`);
  const safetyCopyPath = join(deps.dataDirectory, `${DATABASE_FILE}.before-restore-${stamp}`);
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
    checked = await checkDatabaseCopy(deps.db, staged);
    if (checked.schemaVersion > latestSchemaVersion()) throw new AppError('backup_failed', 'backups.newerSchema');
    if (!deps.swap) throw new AppError('rule', 'backups.restoreUnavailable');
  } catch (error) {
    await rm(staged, { force: true }).catch(() => undefined);
    throw error;
  }

  // The backup's status facts describe the backups, not the registry: they stay as they are now.
  const backupRows = await readBackupRows(deps.db);
  // A person whose data was destroyed after the backup was made must not come back with it.
  const erasures = await erasuresIn(deps.db);
  const swap = deps.swap;
  await swap.closeDatabase();
  // The safety copy is taken from the closed file, so it holds everything saved up to the last call.
  try {
    await keepSafetyCopy(deps.databasePath, safetyCopyPath);
  } catch (error) {
    await rm(staged, { force: true }).catch(() => undefined);
    await rm(safetyCopyPath, { force: true }).catch(() => undefined);
    await swap.reopenDatabase();
    throw backupProblemOf(error);
  }
  let restored: { db: Db };
  try {
    await putInPlace(staged, deps.databasePath);
    restored = await swap.reopenDatabase();
  } catch {
    await rm(staged, { force: true }).catch(() => undefined);
    await putBack(safetyCopyPath, deps.databasePath, swap);
    throw new AppError('backup_failed', 'backups.restoreFailed');
  }

  const report: RestoreReport = {
    name,
    createdAt: manifest.createdAt,
    schemaVersion: checked.schemaVersion,
    beneficiaries: checked.beneficiaries,
    safetyCopyPath,
  };
  await restored.db.transaction().execute(async (trx) => {
    // Whoever restored may have no account in the restored database (made after the backup): the
    // system account then signs the rows, and the entry names who asked.
    const known = await trx.selectFrom('users').select('id').where('id', '=', context.actorId).executeTakeFirst();
    const actor = { actorId: known ? context.actorId : SYSTEM_USER_ID, now: context.now };
    await replaceBackupRows(trx, actor, backupRows);
    await appendAudit(trx, actor, {
      action: 'backup.restored',
      entityType: 'backup',
      entityId: name,
      summary: {
        name,
        createdAt: manifest.createdAt,
        kind: manifest.kind,
        schemaVersion: checked.schemaVersion,
        beneficiaries: checked.beneficiaries,
        safetyCopy: safetyCopyPath,
        ...(known ? {} : { restoredBy: context.actorId }),
      },
    });
  });
  await reapplyErasures(restored.db, erasures, name, { actorId: context.actorId, now: context.now });
  // The log was rolled back on purpose: its anchor follows it.
  await anchorAuditHead(restored.db, deps.keyringPath);
  return report;
}

interface Erasure {
  id: string;
  reason: string;
}

async function erasuresIn(db: Db): Promise<Erasure[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['entity_id', 'summary'])
    .where('action', '=', 'beneficiary.erased')
    .where('entity_id', 'is not', null)
    .execute();
  return rows.map((row) => ({
    id: row.entity_id as string,
    reason: String((JSON.parse(row.summary) as { reason?: unknown }).reason ?? ''),
  }));
}

/**
 * Erases again, in the restored database, everyone who had been erased before the restore: the
 * erasure is recorded anew (with the original reason), so the restored audit log says why.
 */
async function reapplyErasures(db: Db, erasures: Erasure[], backupName: string, context: CallContext): Promise<void> {
  for (const erasure of erasures) {
    const person = await db
      .selectFrom('beneficiaries')
      .select(['file_number', 'erased_at'])
      .where('id', '=', erasure.id)
      .executeTakeFirst();
    if (!person || person.erased_at !== null) continue;
    const known = await db.selectFrom('users').select('id').where('id', '=', context.actorId).executeTakeFirst();
    await eraseBeneficiary(
      db,
      {
        id: erasure.id,
        reason: `${erasure.reason} — (${backupName})`.slice(0, 1000),
        confirmFileNumber: person.file_number,
      },
      { actorId: known ? context.actorId : SYSTEM_USER_ID, now: context.now },
    );
  }
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
